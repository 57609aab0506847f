package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.JdbcLedger;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Opens a provenance ledger in one database table, on PostgreSQL or H2: {@link #open()} to append (creates the
 * table on first use), {@link #openReader()} to read and verify (creates nothing).
 *
 * <p>The table holds one row per record (column {@code seq} = the record's index; the record's canonical JSON
 * in {@code record}; {@code record_hash}, {@code run_id} and {@code artifact_digest} as indexed copies) plus one
 * head row ({@code seq = -1}) holding the chain's size and last hash. An append is one transaction that locks the
 * head row ({@code SELECT … FOR UPDATE}), inserts the record and moves the head; so appends from any number of
 * threads and service instances form one chain. A transaction that loses a race (lock timeout, serialization
 * failure, duplicate key) is retried. The head row also anchors the chain: removing the newest rows is found.
 *
 * <p>Not thread-safe; the ledgers it opens are.
 *
 * <pre>{@code
 * ProvenanceLedger ledger = ProvenanceLedger.jdbc(dataSource).table("provenance").open();
 * }</pre>
 */
public final class JdbcLedgerBuilder {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "arbiter_provenance";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");

    private final DataSource dataSource;
    private String table = DEFAULT_TABLE;
    private @Nullable RecordSigner signer;
    private int maxAttempts = 50;

    JdbcLedgerBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the table name; default {@value #DEFAULT_TABLE}. Unquoted, so the database folds its case.
     *
     * @throws IllegalArgumentException if it is not a plain SQL identifier of up to 48 characters
     */
    public JdbcLedgerBuilder table(String table) {
        Objects.requireNonNull(table, "table");
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("ledger table name must be a plain SQL identifier (letters, digits,"
                    + " underscores; up to 48 characters), was '" + table + "'");
        }
        this.table = table;
        return this;
    }

    /** Sets the signer of every appended record; default none (unsigned). */
    public JdbcLedgerBuilder signer(@Nullable RecordSigner signer) {
        this.signer = signer;
        return this;
    }

    /**
     * Sets how many times one append tries its transaction before it fails; default 50.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public JdbcLedgerBuilder maxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    /**
     * Opens the ledger for appending, creating the table, its indexes and its head row if they do not exist.
     *
     * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
     * @throws LedgerDamagedException if the table holds records but no head row
     * @throws IllegalStateException if the database cannot be reached or the schema cannot be created
     */
    public ProvenanceLedger open() {
        return JdbcLedger.open(dataSource, table, signer, maxAttempts, true);
    }

    /**
     * Opens the ledger for reading and verifying only; creates nothing.
     *
     * @throws IllegalStateException if the table does not exist or the database cannot be reached
     */
    public LedgerReader openReader() {
        return JdbcLedger.open(dataSource, table, signer, maxAttempts, false);
    }
}
