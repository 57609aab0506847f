package dev.arbiter.examples.contracts.eval;

import dev.arbiter.examples.contracts.RiskReport;
import dev.arbiter.workflow.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * What the eval scores for one contract: how the governed review ended and, when it was accepted, the clauses of
 * the verified report. A review that did not end accepted (rejected after its attempts, failed, escalated)
 * handed the lawyer nothing, so it has no clauses.
 *
 * @param outcome {@code accepted}, or how the run ended otherwise with its reason
 * @param clauses the verified report's clauses; empty unless accepted
 */
public record ReviewResult(String outcome, List<RiskReport.Clause> clauses) {

    public ReviewResult {
        Objects.requireNonNull(outcome, "outcome");
        clauses = List.copyOf(clauses);
    }

    /** Returns the result of a review's outcome. */
    public static ReviewResult of(Outcome<RiskReport> outcome) {
        if (outcome instanceof Outcome.Accepted<RiskReport> a) {
            return new ReviewResult("accepted", a.value().clauses());
        }
        if (outcome instanceof Outcome.Rejected<RiskReport> r) {
            String first = r.findings().isEmpty() ? "" : ": " + r.findings().get(0).mode() + " at "
                    + r.findings().get(0).location().describe() + " (" + r.findings().get(0).verifierId() + ")";
            return new ReviewResult("rejected after " + r.attempts() + " attempts" + first, List.of());
        }
        if (outcome instanceof Outcome.Escalated<RiskReport> e) {
            return new ReviewResult("escalated (" + e.mode() + "): " + e.reason(), List.of());
        }
        Outcome.Failed<RiskReport> f = (Outcome.Failed<RiskReport>) outcome;
        return new ReviewResult("failed (" + f.failure().mode() + "): " + f.failure().message(), List.of());
    }

    /** Returns whether the review was accepted. */
    public boolean accepted() {
        return outcome.equals("accepted");
    }
}
