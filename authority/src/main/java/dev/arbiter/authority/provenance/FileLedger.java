package dev.arbiter.authority.provenance;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A provenance ledger in an append-only JSONL file, open for appending: one canonical JSON record per line,
 * forced to disk before {@link #append} returns. Open with {@link ProvenanceLedger#file(Path)}.
 *
 * <p>The file is locked against other processes while open (one writer); within a JVM it is thread-safe. See
 * {@link FileLedgerBuilder} for durability modes and crash repair.
 */
public interface FileLedger extends ProvenanceLedger {

    /** Returns the ledger file. */
    Path path();

    /** Returns the repair made when the ledger was opened, if a partial last line was cut off. */
    Optional<Repair> repair();

    /**
     * A partial last line cut off on open: where it was, how long, where its bytes were saved, and the index of
     * the {@link Decision#LEDGER_REPAIRED} record that records the repair in the chain.
     *
     * @param offset the byte offset where the partial line started (the file's new length before the repair record)
     * @param length its length in bytes
     * @param savedTo the file its bytes were copied to
     * @param recordIndex the index of the repair record
     */
    record Repair(long offset, long length, Path savedTo, long recordIndex) {

        public Repair {
            Objects.requireNonNull(savedTo, "savedTo");
        }
    }
}
