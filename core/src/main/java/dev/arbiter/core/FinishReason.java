package dev.arbiter.core;

import java.util.Optional;

/**
 * Why the model stopped generating, normalised across providers.
 */
public enum FinishReason {
    /** The model finished its answer (OpenAI {@code stop}, Anthropic {@code end_turn} or {@code stop_sequence}). */
    STOP(null),
    /** The model asks for tools to be called ({@code tool_calls}, {@code tool_use}). */
    TOOL_CALLS(null),
    /** The output was cut by the token limit ({@code length}, {@code max_tokens}). */
    LENGTH(FailureMode.TRUNCATED),
    /** The provider's content filter stopped the output ({@code content_filter}). */
    CONTENT_FILTER(FailureMode.CONTENT_FILTERED),
    /** The model refused (OpenAI's {@code refusal} field, Anthropic's {@code refusal} stop reason). */
    REFUSAL(FailureMode.REFUSAL),
    /** Any other reason, or none reported. */
    OTHER(null);

    private final FailureMode failureMode;

    FinishReason(FailureMode failureMode) {
        this.failureMode = failureMode;
    }

    /** Returns the failure mode this finish reason signals, or empty when it is a normal end. */
    public Optional<FailureMode> failureMode() {
        return Optional.ofNullable(failureMode);
    }
}
