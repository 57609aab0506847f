package dev.arbiter.eval;

import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Any {@link Verifier} as a {@link Scorer}: the same checks that decide in production score in evaluation.
 *
 * <p>The candidate is the last generation the subject's model calls returned for the output (the output text as
 * a plain generation when there was none), the scoring context's evidence, and a stand-in request holding the
 * case's input as the user message; a verifier that needs a response schema should be configured with one.
 * {@code Pass} scores 1; {@code Fail} scores 0 and explains with the findings; {@code HumanReview} scores 0 (a
 * case that needs a person has not passed). The verifier runs {@link Verifiers#guarded guarded}, so one that
 * throws scores 0 with VERIFIER_ERROR (fail closed). Thread-safe if the verifier is.
 *
 * <pre>{@code
 * Scorer grounded = VerifierScorer.of(GroundingVerifier.create());
 * }</pre>
 */
public final class VerifierScorer implements Scorer {

    private final Verifier verifier;

    private VerifierScorer(Verifier verifier) {
        this.verifier = Verifiers.guarded(Objects.requireNonNull(verifier, "verifier"));
    }

    /** Returns a scorer that runs the verifier. */
    public static VerifierScorer of(Verifier verifier) {
        return new VerifierScorer(verifier);
    }

    @Override
    public Score score(ScoringContext context) {
        Generation generation = context.generations().isEmpty()
                ? Generation.ofText(context.outputText())
                : context.generations().get(context.generations().size() - 1);
        GenerationRequest request = GenerationRequest.of(Message.user(context.inputText()));
        Verdict verdict = verifier.verify(Candidate.of(generation, request, context.evidence()));
        if (verdict instanceof Verdict.Pass) {
            return Score.pass(verifier.id() + ": pass");
        }
        if (verdict instanceof Verdict.Fail fail) {
            return Score.fail(verifier.id() + ": " + fail.findings().stream()
                    .map(f -> f.mode() + " " + f.message()).collect(Collectors.joining("; ")));
        }
        Verdict.HumanReview review = (Verdict.HumanReview) verdict;
        return Score.fail(verifier.id() + ": needs human review: " + review.reason());
    }

    @Override
    public String toString() {
        return "VerifierScorer[" + verifier.id() + "]";
    }

}
