package dev.arbiter.authority.permission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Digests;
import dev.arbiter.core.ToolCall;
import org.junit.jupiter.api.Test;

class ToolCallsTest {

    @Test
    void canonicalFormIgnoresKeyOrderSpacingAndTheCallId() {
        ToolCall a = ToolCall.of("call-1", "pay", "{\"to\":\"acme\", \"amount\":1.50}");
        ToolCall b = ToolCall.of("call-2", "pay", "{ \"amount\": 1.5, \"to\": \"acme\" }");
        assertThat(ToolCalls.canonical(a)).isEqualTo(ToolCalls.canonical(b));
        assertThat(ToolCalls.digest(a)).isEqualTo(ToolCalls.digest(b))
                .isEqualTo(Digests.sha256Hex(ToolCalls.canonical(a)));
    }

    @Test
    void argumentsThatAreNotJsonAreKeptAsText() {
        ToolCall broken = ToolCall.of("c", "pay", "{to: acme");
        assertThat(ToolCalls.canonical(broken)).contains("\"{to: acme\"");
    }

    @Test
    void theRememberedDigestIsOnlyEverTheSameCallsOwn() {
        ToolCall first = ToolCall.of("c", "pay", "{\"amount\":1}");
        ToolCall second = ToolCall.of("c", "pay", "{\"amount\":2}");
        String d1 = ToolCalls.digest(first);
        assertThat(ToolCalls.digest(first)).isEqualTo(d1);
        // a different call right after (same id, other arguments) is digested, not answered from memory
        String d2 = ToolCalls.digest(second);
        assertThat(d2).isNotEqualTo(d1).isEqualTo(Digests.sha256Hex(ToolCalls.canonical(second)));
        assertThat(ToolCalls.digest(first)).isEqualTo(d1);
    }

    @Test
    void threadsDigestTheirOwnCalls() throws Exception {
        ToolCall mine = ToolCall.of("c", "pay", "{\"amount\":1}");
        String expected = Digests.sha256Hex(ToolCalls.canonical(mine));
        ToolCalls.digest(mine);
        String[] other = new String[1];
        Thread t = new Thread(() -> other[0] = ToolCalls.digest(ToolCall.of("c", "refund", "{\"amount\":1}")));
        t.start();
        t.join();
        assertThat(other[0]).isNotEqualTo(expected);
        assertThat(ToolCalls.digest(mine)).isEqualTo(expected);
    }
}
