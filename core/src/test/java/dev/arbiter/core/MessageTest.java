package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void eachKindHasItsRole() {
        assertThat(Message.system("s").role()).isEqualTo("system");
        assertThat(Message.user("u").role()).isEqualTo("user");
        assertThat(Message.assistant("a").role()).isEqualTo("assistant");
        assertThat(Message.toolResult("c", "t", "r").role()).isEqualTo("tool");
    }

    @Test
    void anAssistantMessageCopiesItsToolCalls() {
        List<ToolCall> calls = new ArrayList<>(List.of(ToolCall.of("c1", "t", "{}")));
        Message.Assistant m = Message.assistant("", calls);
        calls.clear();

        assertThat(m.toolCalls()).hasSize(1);
    }

    @Test
    void rejectsNullsByName() {
        assertThatThrownBy(() -> Message.user(null)).hasMessage("text");
        assertThatThrownBy(() -> Message.toolResult(null, "t", "r")).hasMessage("toolCallId");
        assertThatThrownBy(() -> Message.toolResult("c", null, "r")).hasMessage("toolName");
        assertThatThrownBy(() -> Message.toolResult("c", "t", null)).hasMessage("content");
    }
}
