package dev.arbiter.workflow.functional;

import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory ledger whose asynchronous appends are sealed at once and stored only when the test says so: {@link
 * #storeAll} completes every append held so far; a test can also fail them through {@link #held}.
 */
final class HeldLedger implements ProvenanceLedger {
    final ProvenanceLedger inner = ProvenanceLedger.inMemory();
    final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    /** Once set, every append fails with it at once, as a file ledger fails closed after a failed write or force. */
    private volatile Throwable failed;

    @Override
    public ProvenanceRecord append(ProvenanceEntry entry) {
        return inner.append(entry);
    }

    @Override
    public CompletableFuture<ProvenanceRecord> appendAsync(ProvenanceEntry entry) {
        Throwable f = failed;
        if (f != null) {
            return CompletableFuture.failedFuture(f);
        }
        ProvenanceRecord sealed = inner.append(entry);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        held.add(stored);
        return stored.thenApply(v -> sealed);
    }

    /** Fails every append held so far and every later one, as a ledger that lost its disk does. */
    void failAll(Throwable e) {
        failed = e;
        held.forEach(h -> h.completeExceptionally(e));
    }

    /** Stores every append held so far. */
    void storeAll() {
        held.forEach(f -> f.complete(null));
    }

    @Override public long size() { return inner.size(); }
    @Override public List<ProvenanceRecord> read(long from, long to) { return inner.read(from, to); }
    @Override public LedgerVerification verify(VerifyOptions options) { return inner.verify(options); }
    @Override public Explanation explain(String runIdOrArtifactDigest) { return inner.explain(runIdOrArtifactDigest); }
    @Override public void close() { inner.close(); }
}
