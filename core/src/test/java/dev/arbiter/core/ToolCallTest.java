package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolCallTest {

    @Test
    void argumentsAreParsedOnlyWhenTheyAreJson() {
        assertThat(ToolCall.of("c", "t", "{\"a\":1}").parsedArguments()).hasValueSatisfying(
                json -> assertThat(json.get("a").intValue()).isEqualTo(1));
        assertThat(ToolCall.of("c", "t", "{\"a\":").parsedArguments()).isEmpty();
        assertThat(ToolCall.of("c", "t", "").parsedArguments()).isEmpty();
        assertThat(ToolCall.of("c", "t", "{} trailing").parsedArguments()).isEmpty();
    }

    @Test
    void keepsArgumentsExactlyAsTheModelWroteThem() {
        assertThat(ToolCall.of("c", "t", " {\"b\": 1,  \"a\":2} ").arguments()).isEqualTo(" {\"b\": 1,  \"a\":2} ");
    }

    @Test
    void rejectsNullsByName() {
        assertThatThrownBy(() -> ToolCall.of(null, "t", "{}")).hasMessage("id");
        assertThatThrownBy(() -> ToolCall.of("c", null, "{}")).hasMessage("name");
        assertThatThrownBy(() -> ToolCall.of("c", "t", null)).hasMessage("arguments");
    }
}
