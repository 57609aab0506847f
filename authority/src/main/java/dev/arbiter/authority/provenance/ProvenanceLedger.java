package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.DriverManagerDataSource;
import dev.arbiter.authority.provenance.internal.InMemoryLedger;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An append-only, hash-chained record of every decision: which contract, which evidence, which model, which
 * verdicts and permission decisions, what was decided and who approved. One {@link ProvenanceRecord} per
 * decision; {@link #verify()} names the first record that was changed, removed, reordered or inserted.
 *
 * <p>Stores: {@link #inMemory()}, an append-only JSONL file ({@link #file(Path)}, the embedded default), and JDBC
 * on PostgreSQL or H2 ({@link #jdbc(DataSource)}), where many service instances share one chain.
 *
 * <p>Implementations are thread-safe; appends are serialized, so the chain is one line of records whatever the
 * number of threads (and, for the file and JDBC stores, processes).
 *
 * <pre>{@code
 * try (ProvenanceLedger ledger = ProvenanceLedger.file(Path.of("provenance.jsonl")).open()) {
 *     ProvenanceRecord r = ledger.append(ProvenanceEntry.builder(runId, "summarize", Decision.ACCEPTED).build());
 *     LedgerVerification v = ledger.verify();
 * }
 * }</pre>
 */
public interface ProvenanceLedger extends LedgerReader {

    /**
     * Seals the entry as the next record of the chain and stores it. When this returns, the record is stored
     * as durably as the store promises (the file store: forced to disk; JDBC: committed).
     *
     * @return the record with its index, previous hash and hash
     * @throws java.io.UncheckedIOException or {@link IllegalStateException} if it could not be stored; the
     *     record was then not acknowledged and the caller must not rely on it
     */
    ProvenanceRecord append(ProvenanceEntry entry);

    /**
     * Seals the entry as the next record of the chain now, and completes the future once the record is stored as
     * durably as {@link #append} promises. The record's place in the chain is fixed when this returns: entries
     * appended after it, asynchronously or not, come after it. The default calls {@link #append} on the calling
     * thread. The file store with group commit does not wait: the record's line is queued, and the future completes
     * on the thread whose force covers it, so an appender holds no thread while its line waits for the disk. With
     * {@code FSYNC_EACH} the file store seals, writes and forces each record on a thread of its own, in the order
     * asked; the JDBC store queues the entry for its writer.
     *
     * @return the future record with its index, previous hash and hash; completed exceptionally (an {@link
     *     java.io.UncheckedIOException} or {@link IllegalStateException}) if it could not be stored, and then the
     *     record was not acknowledged and the caller must not rely on it; never {@code null}
     */
    default CompletableFuture<ProvenanceRecord> appendAsync(ProvenanceEntry entry) {
        try {
            return CompletableFuture.completedFuture(append(entry));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Returns a ledger held in memory, unsigned. */
    static ProvenanceLedger inMemory() {
        return new InMemoryLedger(null);
    }

    /** Returns a ledger held in memory whose records the signer signs ({@code null}: unsigned). */
    static ProvenanceLedger inMemory(@Nullable RecordSigner signer) {
        return new InMemoryLedger(signer);
    }

    /** Returns a builder for a ledger in an append-only JSONL file. */
    static FileLedgerBuilder file(Path path) {
        return new FileLedgerBuilder(path);
    }

    /** Returns a builder for a ledger in a database table (PostgreSQL or H2). */
    static JdbcLedgerBuilder jdbc(DataSource dataSource) {
        return new JdbcLedgerBuilder(dataSource);
    }

    /**
     * Returns a builder for a ledger in a database table reached through {@link java.sql.DriverManager}: a new
     * connection per operation, no pool. Without a user, credentials come from the URL.
     */
    static JdbcLedgerBuilder jdbc(String url, @Nullable String user, @Nullable String password) {
        return new JdbcLedgerBuilder(new DriverManagerDataSource(url, user, password));
    }
}
