package dev.arbiter.workflow;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.core.FailureMode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The result of a run or of one step: accepted, rejected by the verifiers, escalated to a person, or failed.
 *
 * <p>Decisions are values: {@link Pipeline#run} never throws, it returns one of these. Only {@link Accepted}
 * carries a value; nothing of a rejected, escalated or failed run is shipped.
 *
 * <p>Immutable and thread-safe when the value is. Components are never {@code null}.
 *
 * @param <T> the type of the accepted value
 */
public sealed interface Outcome<T> permits Outcome.Accepted, Outcome.Rejected, Outcome.Escalated, Outcome.Failed {

    /** Returns the accepted outcome of {@code value} in run {@code runId}. */
    static <T> Accepted<T> accepted(T value, String runId) {
        return new Accepted<>(value, runId);
    }

    /** Returns the same outcome with the value mapped; a non-accepted outcome is returned retyped. */
    <U> Outcome<U> map(Function<? super T, ? extends U> mapper);

    /** Returns true for {@link Accepted}. */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /**
     * Every deterministic verdict passed: {@code value} may be shipped.
     *
     * @param value the accepted artifact
     * @param runId the run whose ledger records explain the value
     */
    record Accepted<T>(T value, String runId) implements Outcome<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(runId, "runId");
        }

        @Override
        public <U> Outcome<U> map(Function<? super T, ? extends U> mapper) {
            return new Accepted<>(Objects.requireNonNull(mapper.apply(value), "mapped value"), runId);
        }
    }

    /**
     * The verifiers still failed the candidate when the step's attempts ran out.
     *
     * @param findings the findings of the last attempt, in verifier order
     * @param attempts how many attempts the step made
     */
    record Rejected<T>(List<Finding> findings, int attempts) implements Outcome<T> {
        public Rejected {
            findings = List.copyOf(findings);
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
            }
        }

        @Override
        public <U> Outcome<U> map(Function<? super T, ? extends U> mapper) {
            return new Rejected<>(findings, attempts);
        }
    }

    /**
     * A person has to decide: the run is suspended until the pending item is decided.
     *
     * @param pendingId the id of the pending approval or review
     * @param mode the failure mode that escalated
     * @param reason why, in words a reviewer can act on
     */
    record Escalated<T>(String pendingId, FailureMode mode, String reason) implements Outcome<T> {
        public Escalated {
            Objects.requireNonNull(pendingId, "pendingId");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public <U> Outcome<U> map(Function<? super T, ? extends U> mapper) {
            return new Escalated<>(pendingId, mode, reason);
        }
    }

    /**
     * The run stopped: the provider rejected the request, a budget ran out, a verifier or step threw.
     *
     * @param failure what failed, with the spend so far
     */
    record Failed<T>(Failure failure) implements Outcome<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public <U> Outcome<U> map(Function<? super T, ? extends U> mapper) {
            return new Failed<>(failure);
        }
    }
}
