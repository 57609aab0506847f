package dev.arbiter.authority.provenance;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A ledger that redacts the free text of every entry before appending it to another ledger: the note, the findings
 * of each verdict, the reason of each permission decision and kept model content. Ids, digests, decisions and the
 * approver (who decided is the point of the record) are left as they are, so records still explain and verify.
 * Thread-safe if the ledger is.
 */
final class RedactingLedger implements ProvenanceLedger {

    private final ProvenanceLedger ledger;
    private final UnaryOperator<String> redact;

    RedactingLedger(ProvenanceLedger ledger, UnaryOperator<String> redact) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.redact = Objects.requireNonNull(redact, "redact");
    }

    @Override
    public ProvenanceRecord append(ProvenanceEntry entry) {
        return ledger.append(redacted(entry));
    }

    @Override
    public CompletableFuture<ProvenanceRecord> appendAsync(ProvenanceEntry entry) {
        ProvenanceEntry redacted;
        try {
            redacted = redacted(entry);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return ledger.appendAsync(redacted);
    }

    private ProvenanceEntry redacted(ProvenanceEntry entry) {
        if (!changedByRedaction(entry)) {
            return entry; // the redacted entry would equal this one, part for part
        }
        ProvenanceEntry.Builder b = entry.toBuilder()
                .note(entry.note().map(redact).orElse(null))
                .verdicts(entry.verdicts().stream().map(v -> new VerdictSummary(v.verifierId(), v.outcome(),
                        v.failureModes(), v.findings().stream().map(redact).toList())).toList())
                .permissions(entry.permissions().stream().map(p -> new PermissionSummary(p.toolName(), p.callDigest(),
                        p.decision(), p.rule(), redact.apply(p.reason()))).toList());
        entry.model().ifPresent(m -> b.model(redacted(m)));
        return b.build();
    }

    /** Whether redaction changes any of the entry's free texts (when none changes, the entry is appended as is). */
    private boolean changedByRedaction(ProvenanceEntry entry) {
        if (entry.note().isPresent() && changes(entry.note().get())) {
            return true;
        }
        for (VerdictSummary v : entry.verdicts()) {
            for (String finding : v.findings()) {
                if (changes(finding)) {
                    return true;
                }
            }
        }
        for (PermissionSummary p : entry.permissions()) {
            if (changes(p.reason())) {
                return true;
            }
        }
        return entry.model().flatMap(ModelCall::content).map(this::changes).orElse(false);
    }

    private boolean changes(String text) {
        return !redact.apply(text).equals(text);
    }

    private ModelCall redacted(ModelCall m) {
        ModelCall plain = m.generationDigest().isPresent()
                ? ModelCall.of(m.modelId(), m.requestDigest(), m.generationDigest().get())
                : ModelCall.of(m.modelId(), m.requestDigest());
        return m.content().map(c -> plain.withContent(redact.apply(c))).orElse(plain);
    }

    @Override
    public long size() {
        return ledger.size();
    }

    @Override
    public List<ProvenanceRecord> read(long from, long to) {
        return ledger.read(from, to);
    }

    @Override
    public LedgerVerification verify(VerifyOptions options) {
        return ledger.verify(options);
    }

    @Override
    public Explanation explain(String runIdOrArtifactDigest) {
        return ledger.explain(runIdOrArtifactDigest);
    }

    @Override
    public void close() {
        ledger.close();
    }
}
