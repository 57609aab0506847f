package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The composition {@link Verifiers#allOf} returns; its rules are documented there. */
public final class AllOfVerifier implements Verifier {

    private final String id;
    private final List<Verifier> deterministic;
    private final List<Verifier> advisory;
    private final Verifiers.Mode mode;

    /** Creates the composition; see {@link Verifiers#allOf(String, List, Verifiers.Mode)} for the checks. */
    public AllOfVerifier(String id, List<? extends Verifier> verifiers, Verifiers.Mode mode) {
        this.id = VerifierIds.require(id);
        this.mode = Objects.requireNonNull(mode, "mode");
        if (verifiers.isEmpty()) {
            throw new IllegalArgumentException("composition '" + id + "' needs at least one verifier");
        }
        List<Verifier> d = new ArrayList<>();
        List<Verifier> a = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Verifier v : verifiers) {
            Verifier guarded = GuardedVerifier.of(Objects.requireNonNull(v, "verifier"));
            if (!ids.add(guarded.id())) {
                throw new IllegalArgumentException(
                        "composition '" + id + "' has two verifiers with the id '" + guarded.id() + "'");
            }
            (GuardedVerifier.isAdvisory(guarded) ? a : d).add(guarded);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("composition '" + id + "' has only advisory verifiers " + ids
                    + ": a model's critique is evidence, never the decision; add a deterministic verifier");
        }
        this.deterministic = List.copyOf(d);
        this.advisory = List.copyOf(a);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        Tally tally = new Tally();
        run(deterministic, candidate, tally);
        if (tally.findings.isEmpty()) {
            run(advisory, candidate, tally);
        }
        if (!tally.findings.isEmpty()) {
            return Verdict.fail(id, tally.findings);
        }
        if (!tally.reviews.isEmpty()) {
            return Verdict.humanReview(id, String.join("; ", tally.reviews));
        }
        return Verdict.pass(id, tally.notes);
    }

    private void run(List<Verifier> verifiers, Candidate candidate, Tally tally) {
        for (Verifier v : verifiers) {
            Verdict verdict = v.verify(candidate);
            if (verdict instanceof Verdict.Fail) {
                tally.findings.addAll(((Verdict.Fail) verdict).findings());
                if (mode == Verifiers.Mode.SHORT_CIRCUIT) {
                    return;
                }
            } else if (verdict instanceof Verdict.HumanReview) {
                tally.reviews.add("[" + v.id() + "] " + ((Verdict.HumanReview) verdict).reason());
            } else {
                Verdict.Pass pass = (Verdict.Pass) verdict;
                String advisoryMark = GuardedVerifier.isAdvisory(v) ? " (advisory)" : "";
                tally.notes.add("[" + v.id() + "] passed" + advisoryMark);
                pass.notes().forEach(n -> tally.notes.add("[" + v.id() + "] " + n));
            }
        }
    }

    @Override
    public String toString() {
        return "AllOf[" + id + ", " + mode + "]";
    }

    private static final class Tally {
        final List<Finding> findings = new ArrayList<>();
        final List<String> reviews = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }
}
