package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.FileLedgerImpl;
import dev.arbiter.authority.provenance.internal.FileLedgerReader;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Opens a provenance ledger in an append-only JSONL file: {@link #open()} to append (locks the file against other
 * processes), {@link #openReader()} to read and verify without locking.
 *
 * <p>Durability: {@link Durability#FSYNC_EACH} (the default) forces the file to disk inside every append, before
 * it returns; {@link Durability#GROUP_COMMIT} lets concurrent appends share forces, each append still returning
 * only after a force that covers its line. Either way, an append that returned is on disk.
 *
 * <p>Crashes: a crash during an append can leave a partial last line (no line end). {@link #open()} detects it and
 * throws {@link LedgerDamagedException}, unless {@link #repairPartialLastLine(boolean) repair was asked for}: then
 * it copies the partial bytes to a side file, cuts them off, and appends a {@link Decision#LEDGER_REPAIRED} record
 * that says so. Such a line was never acknowledged. A damaged chain is never continued silently.
 *
 * <p>Not thread-safe; the ledgers it opens are.
 *
 * <pre>{@code
 * try (FileLedger ledger = ProvenanceLedger.file(Path.of("provenance.jsonl"))
 *         .durability(FileLedgerBuilder.Durability.GROUP_COMMIT)
 *         .signer(RecordSigner.ed25519(keyPair))
 *         .repairPartialLastLine(true)
 *         .open()) {
 *     ledger.append(entry);
 * }
 * }</pre>
 */
public final class FileLedgerBuilder {

    /** When an append's line is forced to disk. */
    public enum Durability {
        /** Every append forces the file before it returns; appends are serialized, one force each. */
        FSYNC_EACH,
        /** Appends return after a force that covers their line; concurrent appends share forces. */
        GROUP_COMMIT
    }

    private final Path path;
    private Durability durability = Durability.FSYNC_EACH;
    private @Nullable RecordSigner signer;
    private boolean repairPartialLastLine;

    FileLedgerBuilder(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Sets when lines are forced to disk; default {@link Durability#FSYNC_EACH}. */
    public FileLedgerBuilder durability(Durability durability) {
        this.durability = Objects.requireNonNull(durability, "durability");
        return this;
    }

    /** Sets the signer of every appended record; default none (unsigned). */
    public FileLedgerBuilder signer(@Nullable RecordSigner signer) {
        this.signer = signer;
        return this;
    }

    /**
     * Sets whether {@link #open()} cuts off a partial last line (and records that it did) instead of failing;
     * default false.
     */
    public FileLedgerBuilder repairPartialLastLine(boolean repair) {
        this.repairPartialLastLine = repair;
        return this;
    }

    /**
     * Opens the ledger for appending, creating the file if it does not exist (its folder must).
     *
     * @throws LedgerDamagedException if the file ends with a partial line and repair was not asked for, or its
     *     last record cannot be read
     * @throws IllegalStateException if another process or another ledger in this JVM has the file open
     * @throws java.io.UncheckedIOException if the file cannot be opened or read
     */
    public FileLedger open() {
        return FileLedgerImpl.open(path, durability, signer, repairPartialLastLine);
    }

    /**
     * Opens the ledger for reading and verifying only: no lock, no repair; a partial last line shows up in
     * {@link LedgerReader#verify()} as {@link LedgerVerification.Reason#TRUNCATED_LINE}.
     *
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     */
    public LedgerReader openReader() {
        return FileLedgerReader.open(path);
    }
}
