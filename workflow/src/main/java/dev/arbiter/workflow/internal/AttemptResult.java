package dev.arbiter.workflow.internal;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What one attempt of a governed step came to. Immutable. */
sealed interface AttemptResult {

    /** Every verifier passed and the output bound to the artifact type. */
    record Passed(Generation generation, Object value, List<Verdict> verdicts) implements AttemptResult {
        public Passed {
            Objects.requireNonNull(generation, "generation");
            Objects.requireNonNull(value, "value");
            verdicts = List.copyOf(verdicts);
        }
    }

    /** No failing verifier, but one asked for a person. */
    record Review(Generation generation, String reason, List<Verdict> verdicts) implements AttemptResult {
        public Review {
            verdicts = List.copyOf(verdicts);
        }
    }

    /** A tool call waits for a person's approval {@code approvalId}. */
    record Pending(String approvalId, String reason, Generation generation) implements AttemptResult {
        public Pending {
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The attempt failed with {@code mode}: findings of verifiers, or a provider failure (no generation).
     */
    record Problem(FailureMode mode, String message, List<Finding> findings, @Nullable Generation generation,
            List<Verdict> verdicts, @Nullable Duration retryAfter) implements AttemptResult {
        public Problem {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(message, "message");
            findings = List.copyOf(findings);
            verdicts = List.copyOf(verdicts);
        }

        Optional<Duration> retryAfterHint() {
            return Optional.ofNullable(retryAfter);
        }
    }
}
