package dev.arbiter.workflow;

import dev.arbiter.core.FailureMode;
import java.util.Objects;

/**
 * Why a run failed: the failure mode, a message naming the culprit, the step it failed in and the spend so far.
 *
 * <p>Immutable and thread-safe; components are never {@code null}.
 *
 * @param mode the failure mode, e.g. {@link FailureMode#BUDGET_EXCEEDED} or {@link FailureMode#PROVIDER_REJECTED}
 * @param step the id of the step that failed, or the pipeline name when no step was running
 * @param message what happened
 * @param spend what the run had used when it stopped
 */
public record Failure(FailureMode mode, String step, String message, Spend spend) {

    public Failure {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(spend, "spend");
    }

    @Override
    public String toString() {
        return mode + " in step '" + step + "': " + message + " (" + spend + ")";
    }
}
