package dev.arbiter.workflow.internal;

import dev.arbiter.authority.provenance.ContractRef;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.EvidenceRef;
import dev.arbiter.authority.provenance.ModelCall;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerdictSummary;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.workflow.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Appends the provenance entry of one decision of a governed step. */
public final class Records {

    private Records() {}

    /** Everything one decision of an attempt knows. */
    record AttemptFacts(GenerationRequest request, @Nullable Generation generation, Evidence evidence,
            List<Verdict> verdicts) {}

    /** Appends one entry for {@code decision}; the ledger's failure propagates (fail closed). */
    static void append(StepContext ctx, Decision decision, AttemptFacts facts, @Nullable String artifactDigest,
            String note) {
        ctx.ledger().append(entry(ctx, decision, facts, artifactDigest, note));
    }

    /**
     * Appends one entry for {@code decision}: sealed now, the future completing once it is stored (see {@link
     * dev.arbiter.authority.provenance.ProvenanceLedger#appendAsync}); the ledger's failure completes it
     * exceptionally (fail closed).
     */
    static CompletableFuture<ProvenanceRecord> appendAsync(StepContext ctx, Decision decision, AttemptFacts facts,
            @Nullable String artifactDigest, String note) {
        return ctx.ledger().appendAsync(entry(ctx, decision, facts, artifactDigest, note));
    }

    private static ProvenanceEntry entry(StepContext ctx, Decision decision, AttemptFacts facts,
            @Nullable String artifactDigest, String note) {
        GenerationRequest request = facts.request();
        Generation g = facts.generation();
        return ProvenanceEntry.builder(ctx.runId(), ctx.stepId(), decision)
                .time(ctx.clock().instant())
                .contract(contract(request).orElse(null))
                .evidence(EvidenceRef.of(facts.evidence()))
                .model(g == null ? ModelCall.of("none", request.digest())
                        : ModelCall.of(request, g))
                .verdicts(summaries(facts.verdicts()))
                .artifactDigest(artifactDigest)
                .note(note)
                .build();
    }

    /** As {@link #appendPlain}, the future completing once the entry is stored (see {@code appendAsync}). */
    static CompletableFuture<ProvenanceRecord> appendPlainAsync(StepContext ctx, Decision decision,
            @Nullable String artifactDigest, String note) {
        return ctx.ledger().appendAsync(plain(ctx, decision, artifactDigest, note));
    }

    /** Appends an entry for a step that is not a model call (deterministic step, tool, approval). */
    public static void appendPlain(StepContext ctx, Decision decision, @Nullable String artifactDigest, String note) {
        ctx.ledger().append(plain(ctx, decision, artifactDigest, note));
    }

    private static ProvenanceEntry plain(StepContext ctx, Decision decision, @Nullable String artifactDigest,
            String note) {
        return ProvenanceEntry.builder(ctx.runId(), ctx.stepId(), decision)
                .time(ctx.clock().instant())
                .artifactDigest(artifactDigest)
                .note(note)
                .build();
    }

    private static Optional<ContractRef> contract(GenerationRequest request) {
        Optional<String> id = request.attribute(RequestComposer.CONTRACT_ID);
        Optional<String> version = request.attribute(RequestComposer.CONTRACT_VERSION);
        Optional<String> fingerprint = request.attribute(RequestComposer.CONTRACT_FINGERPRINT);
        if (id.isEmpty() || version.isEmpty() || fingerprint.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ContractRef.of(id.get(), version.get(), fingerprint.get()));
    }

    static List<VerdictSummary> summaries(List<Verdict> verdicts) {
        List<VerdictSummary> out = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (v instanceof Verdict.Pass p) {
                out.add(VerdictSummary.pass(p.verifierId()));
            } else if (v instanceof Verdict.Fail f) {
                List<FailureMode> modes = f.findings().stream().map(Finding::mode).distinct().toList();
                List<String> messages = f.findings().stream()
                        .map(x -> x.location().describe() + ": " + x.message()).toList();
                out.add(VerdictSummary.fail(f.verifierId(), modes, messages));
            } else {
                Verdict.HumanReview r = (Verdict.HumanReview) v;
                out.add(VerdictSummary.review(r.verifierId(), List.of(r.reason())));
            }
        }
        return out;
    }
}
