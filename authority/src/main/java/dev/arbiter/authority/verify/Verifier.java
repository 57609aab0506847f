package dev.arbiter.authority.verify;

import dev.arbiter.authority.verify.internal.NamedVerifier;
import java.util.function.Function;

/**
 * A check that decides whether one candidate output is acceptable: the authority layer's extension point.
 *
 * <p>A verifier has a stable {@link #id()} (provenance records and findings name it; changing it breaks the link
 * between old records and the check that produced them) and one method that judges a {@link Candidate}. A
 * rejection is a value, not an exception: return {@link Verdict.Fail} with findings that say where the output broke
 * and what the model should change. A verifier that throws, or returns {@code null}, is turned into a
 * {@link dev.arbiter.core.FailureMode#VERIFIER_ERROR} failure by {@link Verifiers#guarded(Verifier)}: the step fails
 * closed, never open.
 *
 * <p>Implementations must be thread-safe (one instance judges many candidates, possibly at once) and should be
 * deterministic: the same candidate gives the same verdict. A check that asks a model is an
 * {@link AdvisoryVerifier}: evidence for the decision, never the decision.
 *
 * <p>A custom verifier is a small class or a named lambda:
 *
 * <pre>{@code
 * Verifier noApologies = Verifier.named("no-apologies", candidate ->
 *         candidate.text().contains("I apologize")
 *                 ? Verdict.fail("no-apologies", Finding.of("no-apologies", FailureMode.SCHEMA_VIOLATION,
 *                         Location.whole(), "the answer apologises", "Answer without apologising."))
 *                 : Verdict.pass("no-apologies"));
 * }</pre>
 *
 * See {@code docs/verification.md} for how to write and test one.
 */
public interface Verifier {

    /**
     * Returns the verifier's stable id, e.g. {@code json-schema} or {@code citations}: not blank, at most 200
     * characters, no control characters. Verdicts and findings carry it.
     */
    String id();

    /**
     * Judges one candidate.
     *
     * @return the verdict, never {@code null}; its {@link Verdict#verifierId()} should be this verifier's id
     */
    Verdict verify(Candidate candidate);

    /**
     * Returns a verifier with the given id that runs the given check: the way to write a verifier as a lambda.
     *
     * @throws IllegalArgumentException if the id is blank, longer than 200 characters or has control characters
     */
    static Verifier named(String id, Function<Candidate, Verdict> check) {
        return new NamedVerifier(id, check);
    }
}
