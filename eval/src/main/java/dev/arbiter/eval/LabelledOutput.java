package dev.arbiter.eval;

import java.util.Objects;

/**
 * An output a person has judged: the material to measure an {@link LlmJudge}'s agreement with people on.
 * Immutable and thread-safe if its values are.
 *
 * @param id the example's id
 * @param input what the subject was given
 * @param expected the reference answer (a JSON {@code null} node or empty string when there is none)
 * @param output what the subject answered
 * @param humanPass whether the person judged the output acceptable
 */
public record LabelledOutput(String id, Object input, Object expected, Object output, boolean humanPass) {

    public LabelledOutput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(output, "output");
    }
}
