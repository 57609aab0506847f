package dev.arbiter.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One candidate output of a model: text and/or proposed tool calls, with what it cost and why it ended.
 *
 * <p>A candidate, not an answer: nothing in it has any effect until the authority layer has decided on it.
 * Immutable and thread-safe.
 *
 * @param text the text the model produced; empty when it produced only tool calls. For a refusal, the
 *     model's refusal message.
 * @param toolCalls the tool calls it proposed, in order (parallel calls included)
 * @param usage the tokens the provider reported
 * @param finishReason why it stopped
 * @param modelId the model id as the provider reported it (e.g. {@code gpt-4o-2024-08-06}); empty if none
 * @param latency the wall time of the call
 */
public record Generation(
        String text, List<ToolCall> toolCalls, Usage usage, FinishReason finishReason, String modelId, Duration latency) {

    public Generation {
        Objects.requireNonNull(text, "text");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
    }

    /** Returns a generation of plain text that ended normally, with no usage and no latency; for scripts and tests. */
    public static Generation ofText(String text) {
        return builder().text(text).build();
    }

    /** Returns a generation that proposes the given tool calls; for scripts and tests. */
    public static Generation ofToolCalls(ToolCall... toolCalls) {
        return builder().toolCalls(List.of(toolCalls)).finishReason(FinishReason.TOOL_CALLS).build();
    }

    /** Returns a new builder: empty text, no tool calls, zero usage, {@link FinishReason#STOP}, zero latency. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this generation's values. */
    public Builder toBuilder() {
        return new Builder()
                .text(text)
                .toolCalls(toolCalls)
                .usage(usage)
                .finishReason(finishReason)
                .modelId(modelId)
                .latency(latency);
    }

    /** Returns whether the model proposed any tool call. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    /**
     * Returns the failure this generation signals by how it ended (truncated, refused, filtered), or empty when
     * it ended normally. A normal end says nothing about whether the content is acceptable: verifiers decide that.
     */
    public Optional<FailureMode> failureMode() {
        return finishReason.failureMode();
    }

    /** Builds a {@link Generation}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private String text = "";
        private List<ToolCall> toolCalls = List.of();
        private Usage usage = Usage.ZERO;
        private FinishReason finishReason = FinishReason.STOP;
        private String modelId = "";
        private Duration latency = Duration.ZERO;

        private Builder() {}

        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        public Builder toolCalls(List<ToolCall> toolCalls) {
            this.toolCalls = List.copyOf(toolCalls);
            return this;
        }

        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        public Builder finishReason(FinishReason finishReason) {
            this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
            return this;
        }

        public Builder modelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        public Generation build() {
            return new Generation(text, toolCalls, usage, finishReason, modelId, latency);
        }
    }
}
