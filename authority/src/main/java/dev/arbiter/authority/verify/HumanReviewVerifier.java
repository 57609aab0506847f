package dev.arbiter.authority.verify;

import dev.arbiter.authority.verify.internal.VerifierIds;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Asks for a person to look when a condition holds: an amount above a limit, a named customer, a sensitive topic.
 * Otherwise it passes. The workflow turns {@link Verdict.HumanReview} into an escalation; nothing is accepted until a
 * person decides.
 *
 * <pre>{@code
 * Verifier largeRefunds = HumanReviewVerifier.when("large-refund",
 *         candidate -> candidate.text().matches("(?s).*\\b\\d{5,}\\b.*"),
 *         "the answer mentions an amount of five digits or more");
 * }</pre>
 *
 * The condition must be thread-safe; if it throws, the guard fails the step closed. Immutable and thread-safe.
 */
public final class HumanReviewVerifier implements Verifier {

    private final String id;
    private final Predicate<Candidate> condition;
    private final Function<Candidate, String> reason;

    private HumanReviewVerifier(String id, Predicate<Candidate> condition, Function<Candidate, String> reason) {
        this.id = VerifierIds.require(id);
        this.condition = Objects.requireNonNull(condition, "condition");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns a verifier that asks for review, for the given reason, when the condition holds. */
    public static HumanReviewVerifier when(String id, Predicate<Candidate> condition, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("human review verifier '" + id + "' needs a reason");
        }
        return new HumanReviewVerifier(id, condition, c -> reason);
    }

    /** Returns a verifier that asks for review when the condition holds, with a reason made from the candidate. */
    public static HumanReviewVerifier when(String id, Predicate<Candidate> condition, Function<Candidate, String> reason) {
        return new HumanReviewVerifier(id, condition, reason);
    }

    /** Returns a verifier that asks for review of every candidate (e.g. a step whose output always needs sign-off). */
    public static HumanReviewVerifier always(String id, String reason) {
        return when(id, c -> true, reason);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        if (condition.test(candidate)) {
            return Verdict.humanReview(id, reason.apply(candidate));
        }
        return Verdict.pass(id, List.of("no review needed"));
    }
}
