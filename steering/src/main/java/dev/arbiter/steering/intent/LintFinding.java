package dev.arbiter.steering.intent;

import dev.arbiter.core.FailureMode;
import java.util.List;
import java.util.Objects;

/**
 * One problem {@link IntentContract#lint()} found in a contract.
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity {@link Severity#ERROR} when the contract should not be sent to a model as it is
 * @param mode {@link FailureMode#UNDERSPECIFIED} or {@link FailureMode#CONSTRAINT_CONFLICT}
 * @param subjects what the finding is about: rule ids, or field names such as {@code purpose} or
 *     {@code definitions/invoice}; never empty
 * @param message what is wrong, in words that name the culprit
 */
public record LintFinding(Severity severity, FailureMode mode, List<String> subjects, String message) {

    /** How serious a finding is. */
    public enum Severity {
        /** The contract is incomplete or contradictory; a request should not be composed from it. */
        ERROR,
        /** Worth fixing, but the contract can be used. */
        WARNING
    }

    public LintFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(mode, "mode");
        subjects = List.copyOf(subjects);
        Objects.requireNonNull(message, "message");
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a lint finding names at least one subject: " + message);
        }
    }

    /** Returns whether this finding is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
