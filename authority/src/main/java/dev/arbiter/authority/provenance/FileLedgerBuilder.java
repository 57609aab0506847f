package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.FileLedgerImpl;
import dev.arbiter.authority.provenance.internal.FileLedgerReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Opens a provenance ledger in an append-only JSONL file: {@link #open()} to append (locks the file against other
 * processes), {@link #openReader()} to read and verify without locking.
 *
 * <p>Durability: {@link Durability#FSYNC_EACH} (the default) forces the file to disk inside every append, before
 * it returns; {@link Durability#GROUP_COMMIT} lets concurrent appends share forces, each append still returning
 * only after a force that covers its line. Either way, an append that returned is on disk. With group commit, a
 * {@link #groupCommitDelay(Duration) delay} (off by default) trades latency for larger groups.
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
    private Duration groupCommitDelay = Duration.ZERO;

    FileLedgerBuilder(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Sets when lines are forced to disk; default {@link Durability#FSYNC_EACH}. */
    public FileLedgerBuilder durability(Durability durability) {
        this.durability = Objects.requireNonNull(durability, "durability");
        return this;
    }

    /**
     * With {@link Durability#GROUP_COMMIT}: how long the append that leads a force may wait, before it writes and
     * forces, for every other append in progress to queue its line; default zero (it never waits). Like
     * PostgreSQL's {@code commit_delay}: when a force ends, its appenders wake and append again a few microseconds
     * apart, and without a delay the first of them forces its line alone while the others wait for the next force
     * (groups alternate between small and large); with a delay they share one. A lone appender never waits, but an
     * append may wait the whole delay for appenders that do not append again: set it when many threads append
     * steadily and throughput matters more than each append's latency, and keep it below a force's duration.
     *
     * @throws IllegalArgumentException if the delay is negative or longer than one second
     */
    public FileLedgerBuilder groupCommitDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("a group-commit delay must be between 0 and 1 s, was " + delay);
        }
        this.groupCommitDelay = delay;
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
     * @throws IllegalArgumentException if a group-commit delay is set without {@link Durability#GROUP_COMMIT}
     * @throws java.io.UncheckedIOException if the file cannot be opened or read
     */
    public FileLedger open() {
        return FileLedgerImpl.open(path, durability, groupCommitDelay, signer, repairPartialLastLine);
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
