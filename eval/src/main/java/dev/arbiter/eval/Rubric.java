package dev.arbiter.eval;

import java.util.Objects;

/**
 * What an {@link LlmJudge} judges by: the criteria in words and an integer scale with the score at which an output
 * passes. Immutable and thread-safe.
 *
 * @param name the rubric's stable id, recorded in explanations
 * @param criteria what makes a good output, in plain words for the judging model
 * @param minScore the worst score of the scale
 * @param maxScore the best score of the scale; greater than {@code minScore}
 * @param passAt the lowest score that passes; within the scale
 */
public record Rubric(String name, String criteria, int minScore, int maxScore, int passAt) {

    public Rubric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(criteria, "criteria");
        if (name.isBlank() || criteria.isBlank()) {
            throw new IllegalArgumentException("a rubric needs a name and criteria");
        }
        if (minScore >= maxScore) {
            throw new IllegalArgumentException("rubric '" + name + "': minScore " + minScore
                    + " must be below maxScore " + maxScore);
        }
        if (passAt < minScore || passAt > maxScore) {
            throw new IllegalArgumentException("rubric '" + name + "': passAt " + passAt + " is outside the scale "
                    + minScore + ".." + maxScore);
        }
    }

    /** Returns a rubric on the scale 1 to 5 that passes at 4. */
    public static Rubric of(String name, String criteria) {
        return new Rubric(name, criteria, 1, 5, 4);
    }

    /** Returns the score mapped to [0, 1]: the minimum is 0, the maximum 1. */
    public double normalize(int score) {
        return (double) (score - minScore) / (maxScore - minScore);
    }
}
