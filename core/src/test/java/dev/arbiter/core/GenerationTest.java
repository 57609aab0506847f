package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationTest {

    @Test
    void theBuilderStartsFromAnEmptyNormalEnd() {
        Generation g = Generation.builder().build();

        assertThat(g.text()).isEmpty();
        assertThat(g.toolCalls()).isEmpty();
        assertThat(g.usage()).isEqualTo(Usage.ZERO);
        assertThat(g.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(g.modelId()).isEmpty();
        assertThat(g.latency()).isZero();
        assertThat(g.failureMode()).isEmpty();
    }

    @Test
    void aGenerationOfToolCallsEndsForToolCalls() {
        Generation g = Generation.ofToolCalls(ToolCall.of("c1", "sum", "{}"));

        assertThat(g.hasToolCalls()).isTrue();
        assertThat(g.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(Generation.ofText("x").hasToolCalls()).isFalse();
    }

    @Test
    void aTruncatedRefusedOrFilteredGenerationSignalsItsFailureMode() {
        assertThat(Generation.builder().finishReason(FinishReason.LENGTH).build().failureMode())
                .contains(FailureMode.TRUNCATED);
        assertThat(Generation.builder().finishReason(FinishReason.REFUSAL).build().failureMode())
                .contains(FailureMode.REFUSAL);
    }

    @Test
    void rejectsANegativeLatency() {
        assertThatThrownBy(() -> Generation.builder().latency(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency must not be negative, was PT-0.001S");
    }

    @Test
    void rejectsNullsByName() {
        assertThatThrownBy(() -> Generation.builder().text(null)).hasMessage("text");
        assertThatThrownBy(() -> Generation.builder().usage(null)).hasMessage("usage");
        assertThatThrownBy(() -> Generation.builder().finishReason(null)).hasMessage("finishReason");
        assertThatThrownBy(() -> Generation.builder().modelId(null)).hasMessage("modelId");
    }

    @Test
    void toolCallsAreCopiedSoTheGenerationCannotChange() {
        List<ToolCall> calls = new ArrayList<>(List.of(ToolCall.of("c1", "sum", "{}")));
        Generation g = Generation.builder().toolCalls(calls).build();
        calls.add(ToolCall.of("c2", "sum", "{}"));

        assertThat(g.toolCalls()).hasSize(1);
        assertThatThrownBy(() -> g.toolCalls().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderMakesModifiedCopies() {
        Generation g = Generation.builder().text("a").modelId("m").usage(Usage.of(1, 2)).build();

        assertThat(g.toBuilder().build()).isEqualTo(g);
        assertThat(g.toBuilder().text("b").build().modelId()).isEqualTo("m");
    }
}
