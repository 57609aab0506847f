package dev.arbiter.eval;

import java.util.Objects;

/**
 * What a {@link Scorer} made of one output: a value between 0 and 1, the threshold it was held to, whether it
 * passed, and why.
 *
 * <p>{@code passed} is {@code value >= threshold}, computed, never set. Immutable and thread-safe.
 *
 * @param value the score, from 0 (worst) to 1 (best)
 * @param threshold the value at which the score passes, from 0 to 1
 * @param explanation why the score is what it is, for people reading the report; never {@code null}
 */
public record Score(double value, double threshold, String explanation) {

    public Score {
        checkUnit(value, "value");
        checkUnit(threshold, "threshold");
        Objects.requireNonNull(explanation, "explanation");
    }

    private static void checkUnit(double x, String what) {
        if (!(x >= 0.0 && x <= 1.0)) {
            throw new IllegalArgumentException("score " + what + " must be between 0 and 1, was " + x);
        }
    }

    /** Returns a score of the value held to the threshold. */
    public static Score of(double value, double threshold, String explanation) {
        return new Score(value, threshold, explanation);
    }

    /** Returns a passing score of 1 held to the threshold 1. */
    public static Score pass(String explanation) {
        return new Score(1.0, 1.0, explanation);
    }

    /** Returns a failing score of 0 held to the threshold 1. */
    public static Score fail(String explanation) {
        return new Score(0.0, 1.0, explanation);
    }

    /** Returns a score of 1 or 0 held to the threshold 1. */
    public static Score of(boolean passed, String explanation) {
        return passed ? pass(explanation) : fail(explanation);
    }

    /** Returns whether the value reaches the threshold. */
    public boolean passed() {
        return value >= threshold;
    }
}
