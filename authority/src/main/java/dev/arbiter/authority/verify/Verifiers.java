package dev.arbiter.authority.verify;

import dev.arbiter.authority.verify.internal.AllOfVerifier;
import dev.arbiter.authority.verify.internal.GuardedVerifier;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Composition of verifiers, built from the same {@link Verifier} interface users implement.
 *
 * <p>The order, as a formula: {@code AllOf(Guarded(d1), ..., Guarded(dn), then Guarded(a1), ..., Guarded(am))}
 * where the {@code d} are deterministic verifiers in the order given and the {@code a} are
 * {@linkplain AdvisoryVerifier advisory} ones (LLM critiques), which run only when every deterministic verifier
 * passed. The combined verdict is:
 * <ol>
 *   <li>{@link Verdict.Fail} with every finding collected (each naming its verifier) if any verifier failed;</li>
 *   <li>otherwise {@link Verdict.HumanReview} with every reason if any verifier asked for review;</li>
 *   <li>otherwise {@link Verdict.Pass} with every verifier's notes, each prefixed with {@code [id]}.</li>
 * </ol>
 * A failure outranks a review: the output is repaired first, and a person looks at a candidate that passed every
 * check. Thread-safe: the compositions hold only their (thread-safe) verifiers.
 */
public final class Verifiers {

    /** What a composition does after the first failing verifier. */
    public enum Mode {
        /** Stop at the first failing verifier: cheaper, and later verifiers never see a broken candidate. */
        SHORT_CIRCUIT,
        /** Run every deterministic verifier and collect every finding: one repair can fix everything at once. */
        RUN_ALL
    }

    private Verifiers() {}

    /**
     * Returns a verifier that runs the given verifiers in order, as the class documentation describes, with the id
     * {@code all-of(id1,id2,...)}.
     *
     * @throws IllegalArgumentException if the list is empty, two verifiers share an id, or every verifier is
     *     advisory (a model's approval alone is not a decision)
     */
    public static Verifier allOf(List<? extends Verifier> verifiers, Mode mode) {
        String id = verifiers.stream().map(Verifier::id).collect(Collectors.joining(",", "all-of(", ")"));
        return allOf(id, verifiers, mode);
    }

    /**
     * Returns a verifier with the given id that runs the given verifiers in order, as the class documentation
     * describes.
     *
     * @throws IllegalArgumentException if the list is empty, two verifiers share an id, or every verifier is advisory
     */
    public static Verifier allOf(String id, List<? extends Verifier> verifiers, Mode mode) {
        return new AllOfVerifier(id, verifiers, mode);
    }

    /**
     * Returns the verifier wrapped so that it fails closed: if it throws (including a stack overflow from a
     * pathological input) or returns {@code null}, the verdict is {@link Verdict.Fail} with one
     * {@link dev.arbiter.core.FailureMode#VERIFIER_ERROR} finding that names the verifier and the exception. Other
     * errors of the virtual machine (out of memory) are not caught. An advisory verifier stays advisory; a guarded
     * verifier is returned as it is.
     */
    public static Verifier guarded(Verifier verifier) {
        return GuardedVerifier.of(verifier);
    }
}
