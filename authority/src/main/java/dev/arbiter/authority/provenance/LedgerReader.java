package dev.arbiter.authority.provenance;

import java.util.List;

/**
 * The reading half of a provenance ledger: records by position, verification of the chain, and the chain of
 * custody of one output. {@link ProvenanceLedger} adds appending.
 *
 * <p>A reader of a file or a database sees what is stored, including tampering: {@link #read} returns records as
 * stored, {@link #verify()} says whether they still form one unbroken chain. Implementations are thread-safe.
 */
public interface LedgerReader extends AutoCloseable {

    /** Returns the number of records stored. */
    long size();

    /**
     * Returns the stored records at positions {@code from} (inclusive) to {@code to} (exclusive), in order. In an
     * intact chain the position of a record is its index.
     *
     * @throws IndexOutOfBoundsException if {@code from < 0}, {@code from > to} or {@code to > size()}
     * @throws IllegalStateException if a record in the range cannot be read (naming where it is stored)
     */
    List<ProvenanceRecord> read(long from, long to);

    /**
     * Verifies the chain: every record's content matches its hash, every record names its predecessor's hash,
     * indexes run 0, 1, 2, … without gaps, duplicates or swaps; plus the anchor and signatures the options ask
     * for. Returns the first record that fails and why.
     */
    LedgerVerification verify(VerifyOptions options);

    /** Verifies the chain with {@link VerifyOptions#defaults()}. */
    default LedgerVerification verify() {
        return verify(VerifyOptions.defaults());
    }

    /**
     * Returns the chain of custody of one output: every record whose run id, or whose artifact digest, equals
     * the given id, in chain order. Empty when none does.
     */
    Explanation explain(String runIdOrArtifactDigest);

    /** Releases the store (file lock, channel); a no-op for stores that hold nothing. */
    @Override
    void close();
}
