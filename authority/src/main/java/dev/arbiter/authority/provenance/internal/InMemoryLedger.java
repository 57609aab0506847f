package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/** A ledger held in a list. Thread-safe: one lock guards the list. */
public final class InMemoryLedger implements ProvenanceLedger {

    private final @Nullable RecordSigner signer;
    private final CombiningLock lock = new CombiningLock();
    private final List<ProvenanceRecord> records = new ArrayList<>();
    /** The chain's size and the hash of its last record: the head, without a {@link ChainHead} checked per append. */
    private long size;
    private String lastHash = ChainHead.GENESIS_HASH;

    /** Returns an empty ledger; the signer signs every record ({@code null}: unsigned). */
    public InMemoryLedger(@Nullable RecordSigner signer) {
        this.signer = signer;
    }

    /**
     * Appends the entry. Its canonical form is written before the lock (the longest part of sealing); under the lock
     * only the chain link is filled in and hashed, by whichever appender holds it ({@link CombiningLock}), so
     * concurrent appenders do not hand the lock to one another.
     */
    @Override
    public ProvenanceRecord append(ProvenanceEntry entry) {
        ProvenanceRecord.Prepared prepared = ProvenanceRecord.prepare(Objects.requireNonNull(entry, "entry"), signer);
        return lock.combine(() -> {
            ProvenanceRecord record = prepared.seal(size, lastHash);
            records.add(record);
            size = record.index() + 1;
            lastHash = record.hash();
            return record;
        });
    }

    @Override
    public long size() {
        lock.lock();
        try {
            return records.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ProvenanceRecord> read(long from, long to) {
        lock.lock();
        try {
            Records.checkRange(from, to, records.size());
            return List.copyOf(records.subList((int) from, (int) to));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LedgerVerification verify(VerifyOptions options) {
        List<ProvenanceRecord> snapshot = snapshot();
        return ChainVerifier.verify(() -> IntStream.range(0, snapshot.size())
                .mapToObj(i -> StoredLine.of(i, "position " + i, snapshot.get(i).canonicalLine())), options, null);
    }

    @Override
    public Explanation explain(String runIdOrArtifactDigest) {
        return new Explanation(runIdOrArtifactDigest,
                snapshot().stream().filter(r -> Records.matches(r, runIdOrArtifactDigest)).toList());
    }

    private List<ProvenanceRecord> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(records);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
