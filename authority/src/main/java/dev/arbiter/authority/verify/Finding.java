package dev.arbiter.authority.verify;

import dev.arbiter.core.FailureMode;
import java.util.Objects;

/**
 * One thing wrong with a candidate: what kind of failure it is, where, what is wrong (for people and logs) and what
 * the model should change (sent back to the model when the workflow repairs).
 *
 * <p>The feedback is an instruction, not a diagnosis: "Make /items/0/price a number, e.g. 12 instead of "12"", not
 * "type mismatch". Immutable and thread-safe.
 *
 * @param verifierId the id of the verifier that found it
 * @param mode the failure mode; it selects the workflow's remedy
 * @param location where in the output
 * @param message what is wrong, naming the offending value where it helps; not blank
 * @param feedback what the model should do to fix it; not blank
 */
public record Finding(String verifierId, FailureMode mode, Location location, String message, String feedback) {

    public Finding {
        Objects.requireNonNull(verifierId, "verifierId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(feedback, "feedback");
        if (message.isBlank()) {
            throw new IllegalArgumentException("finding of verifier '" + verifierId + "' has a blank message");
        }
        if (feedback.isBlank()) {
            throw new IllegalArgumentException("finding of verifier '" + verifierId + "' has blank feedback");
        }
    }

    /** Returns a finding. */
    public static Finding of(String verifierId, FailureMode mode, Location location, String message, String feedback) {
        return new Finding(verifierId, mode, location, message, feedback);
    }
}
