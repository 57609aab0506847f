package dev.arbiter.authority.verify.testing;

import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs one verifier on a candidate built from text and asserts the verdict: the shared helper for positive and
 * negative verifier tests.
 *
 * <pre>{@code
 * VerifierTester.of(new NoApologiesVerifier()).text("Here is the answer.").passes();
 * VerifierTester.of(new NoApologiesVerifier()).text("I apologize, but...")
 *         .fails(FailureMode.SCHEMA_VIOLATION, "apologises");
 * }</pre>
 *
 * The verifier runs {@linkplain Verifiers#guarded guarded}, as a workflow runs it, so a verifier that throws shows up
 * as a {@link FailureMode#VERIFIER_ERROR} failure. Each call to {@link #text} and friends returns a new tester;
 * instances are immutable and thread-safe.
 */
public final class VerifierTester {

    private final Verifier verifier;
    private final GenerationRequest request;
    private final Generation generation;
    private final Evidence evidence;

    private VerifierTester(Verifier verifier, GenerationRequest request, Generation generation, Evidence evidence) {
        this.verifier = verifier;
        this.request = request;
        this.generation = generation;
        this.evidence = evidence;
    }

    /** Returns a tester for the verifier, with empty output, a one-message request and no evidence. */
    public static VerifierTester of(Verifier verifier) {
        return new VerifierTester(Objects.requireNonNull(verifier, "verifier"),
                GenerationRequest.of(Message.user("(test request)")), Generation.ofText(""), Evidence.empty());
    }

    /** Returns a tester whose candidate output is the given text. */
    public VerifierTester text(String text) {
        return new VerifierTester(verifier, request, Generation.ofText(text), evidence);
    }

    /** Returns a tester whose candidate is the given generation. */
    public VerifierTester generation(Generation generation) {
        return new VerifierTester(verifier, request, generation, evidence);
    }

    /** Returns a tester whose request is the given one. */
    public VerifierTester request(GenerationRequest request) {
        return new VerifierTester(verifier, request, generation, evidence);
    }

    /** Returns a tester whose request carries the given response schema (JSON text). */
    public VerifierTester responseSchema(String schemaJson) {
        return request(request.toBuilder().responseSchema(ResponseSchema.of("test", schemaJson)).build());
    }

    /** Returns a tester whose evidence has one more source. */
    public VerifierTester source(Source source) {
        return new VerifierTester(verifier, request, generation, evidence.with(source));
    }

    /** Returns the candidate the verifier will see. */
    public Candidate candidate() {
        return Candidate.of(generation, request, evidence);
    }

    /** Runs the verifier (guarded) and returns its verdict, whatever it is. */
    public Verdict verdict() {
        return Verifiers.guarded(verifier).verify(candidate());
    }

    /** Asserts that the verifier passes the candidate, and returns the pass. */
    public Verdict.Pass passes() {
        Verdict v = verdict();
        if (!(v instanceof Verdict.Pass)) {
            throw new AssertionError("expected verifier '" + verifier.id() + "' to pass, but got " + v);
        }
        return (Verdict.Pass) v;
    }

    /**
     * Asserts that the verifier fails the candidate with at least one finding of the given mode whose message contains
     * every given fragment, and returns the failure.
     */
    public Verdict.Fail fails(FailureMode mode, String... messageFragments) {
        Verdict v = verdict();
        if (!(v instanceof Verdict.Fail)) {
            throw new AssertionError("expected verifier '" + verifier.id() + "' to fail with " + mode + ", but got " + v);
        }
        Verdict.Fail fail = (Verdict.Fail) v;
        for (Finding f : fail.findings()) {
            if (f.mode() == mode && containsAll(f.message(), messageFragments)) {
                return fail;
            }
        }
        throw new AssertionError("expected a " + mode + " finding whose message contains " + List.of(messageFragments)
                + ", but the findings were:\n" + describe(fail.findings()));
    }

    /** Asserts that the verifier asks for human review, and returns the verdict. */
    public Verdict.HumanReview asksForReview() {
        Verdict v = verdict();
        if (!(v instanceof Verdict.HumanReview)) {
            throw new AssertionError("expected verifier '" + verifier.id() + "' to ask for review, but got " + v);
        }
        return (Verdict.HumanReview) v;
    }

    private static boolean containsAll(String message, String[] fragments) {
        for (String f : fragments) {
            if (!message.contains(f)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<Finding> findings) {
        List<String> lines = new ArrayList<>();
        findings.forEach(f -> lines.add("  " + f.mode() + " at " + f.location().describe() + ": " + f.message()));
        return String.join("\n", lines);
    }
}
