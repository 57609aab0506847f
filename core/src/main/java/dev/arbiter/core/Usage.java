package dev.arbiter.core;

/**
 * Token usage of one generation as the provider reported it.
 *
 * <p>Zero means the provider did not report the count. Immutable and thread-safe.
 *
 * @param inputTokens tokens in the request, as counted by the provider; {@code >= 0}
 * @param outputTokens tokens in the response; {@code >= 0}
 */
public record Usage(long inputTokens, long outputTokens) {

    /** No tokens, or none reported. */
    public static final Usage ZERO = new Usage(0, 0);

    public Usage {
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens must be >= 0, was " + inputTokens);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must be >= 0, was " + outputTokens);
        }
    }

    /** Returns the usage for the given counts. */
    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens);
    }

    /** Returns input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Returns the sum of this usage and another, for accounting across attempts. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
