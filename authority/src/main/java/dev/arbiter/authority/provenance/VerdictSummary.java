package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import dev.arbiter.core.FailureMode;
import java.util.List;
import java.util.Objects;

/**
 * What one verifier said about a candidate, as a provenance record keeps it: the verifier's stable id, the
 * outcome, the failure modes of its findings and their messages.
 *
 * <p>A summary, not the verdict itself: the verdict types live with the verifiers and may grow, while a record
 * once written must stay readable and keep its hash. Immutable and thread-safe.
 *
 * @param verifierId the verifier's stable id; not blank
 * @param outcome pass, fail or review
 * @param failureModes the distinct failure modes of the findings, in the order they first occur; empty on a pass
 * @param findings one message per finding, as the verifier wrote it
 */
public record VerdictSummary(String verifierId, Outcome outcome, List<FailureMode> failureModes, List<String> findings) {

    /** The outcome of one verdict. */
    public enum Outcome {
        /** The candidate passed this verifier. */
        PASS,
        /** The candidate failed this verifier. */
        FAIL,
        /** The verifier asks a person to look. */
        REVIEW
    }

    public VerdictSummary {
        Checks.notBlank(verifierId, "verifierId");
        Objects.requireNonNull(outcome, "outcome");
        failureModes = List.copyOf(failureModes);
        findings = List.copyOf(findings);
    }

    /** Returns a passing verdict summary. */
    public static VerdictSummary pass(String verifierId) {
        return new VerdictSummary(verifierId, Outcome.PASS, List.of(), List.of());
    }

    /** Returns a failing verdict summary. */
    public static VerdictSummary fail(String verifierId, List<FailureMode> failureModes, List<String> findings) {
        return new VerdictSummary(verifierId, Outcome.FAIL, failureModes, findings);
    }

    /** Returns a summary of a verdict that asks a person to review. */
    public static VerdictSummary review(String verifierId, List<String> findings) {
        return new VerdictSummary(verifierId, Outcome.REVIEW, List.of(), findings);
    }
}
