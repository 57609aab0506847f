package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import dev.arbiter.authority.provenance.VerifyOptions;
import dev.arbiter.core.BlockingWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The ledger in a database table (PostgreSQL or H2); see {@link dev.arbiter.authority.provenance.JdbcLedgerBuilder}.
 * Thread-safe: every operation takes its own connection; appends serialize on the head row's lock.
 *
 * <p>On an embedded H2 database (a {@code jdbc:h2:file:} or {@code jdbc:h2:mem:} URL, no server), the ledger keeps
 * one extra connection open while it is open. H2 closes an embedded database when its last connection closes
 * (unless {@code DB_CLOSE_DELAY} says otherwise), and a connection opened while it is still closing can see
 * the database as it was on disk before the last commits: with per-operation connections that made a reader see
 * an empty ledger under load. The pinned connection keeps the database open.
 */
public final class JdbcLedger implements ProvenanceLedger {

    /** Attempts to open (create the schema) when other instances race to create it at the same moment. */
    private static final int OPEN_ATTEMPTS = 6;

    private final DataSource dataSource;
    private final String table;
    private final @Nullable RecordSigner signer;
    private final int maxAttempts;
    private final @Nullable Connection pinned;
    private final JdbcAppends appends = new JdbcAppends(this::appendBatch, WRITERS);

    /** The writers of every JDBC ledger's queued appends, one at a time per ledger. */
    private static final Executor WRITERS = BlockingWork.executor("arbiter-jdbc-ledger-");

    private JdbcLedger(DataSource dataSource, String table, @Nullable RecordSigner signer, int maxAttempts,
            @Nullable Connection pinned) {
        this.dataSource = dataSource;
        this.table = table;
        this.signer = signer;
        this.maxAttempts = maxAttempts;
        this.pinned = pinned;
    }

    /** Opens the ledger; with {@code create}, creates the schema on first use, else requires the table. */
    public static JdbcLedger open(DataSource dataSource, String table, @Nullable RecordSigner signer, int maxAttempts,
            boolean create) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                JdbcSchema.Dialect dialect = JdbcSchema.Dialect.of(c);
                if (create) {
                    c.setAutoCommit(true);
                    JdbcSchema.create(c, dialect, table);
                } else {
                    JdbcSchema.requireTable(c, table);
                }
                Connection pin = isEmbeddedH2(c, dialect) ? dataSource.getConnection() : null;
                return new JdbcLedger(dataSource, table, signer, maxAttempts, pin);
            } catch (SQLException e) {
                if (attempt >= OPEN_ATTEMPTS || !JdbcSchema.isRetriable(e)) {
                    throw new IllegalStateException("cannot open ledger table " + table + ": " + e.getMessage(), e);
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Appends through the ledger's queue of appends ({@link JdbcAppends}): written in order, with the appends waiting
     * alongside it, in one transaction; waits for the commit.
     */
    @Override
    public ProvenanceRecord append(ProvenanceEntry entry) {
        Objects.requireNonNull(entry, "entry");
        try {
            return appends.submit(entry).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Queues the entry and returns at once: the ledger's writer (threads {@code arbiter-jdbc-ledger-N}) seals it under
     * the head row's lock and commits it with the appends queued alongside it, and the future completes then. The
     * record's place among this ledger's appends is fixed now; among other instances' appends it is fixed when its
     * transaction takes the head row's lock.
     */
    @Override
    public CompletableFuture<ProvenanceRecord> appendAsync(ProvenanceEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return appends.submit(entry);
    }

    /**
     * Writes the entries as the next records of the chain in one transaction, retrying it while the database says it
     * may be retried. Returns, per entry, its record or what failed that entry alone (its canonical form or its
     * signature could not be made).
     *
     * @throws IllegalStateException when the transaction failed: then no entry was stored
     */
    List<Object> appendBatch(List<ProvenanceEntry> entries) {
        List<Object> prepared = new ArrayList<>(entries.size());
        for (ProvenanceEntry e : entries) {
            try {
                prepared.add(ProvenanceRecord.prepare(e, signer));
            } catch (RuntimeException failure) {
                prepared.add(failure);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return appendBatchOnce(prepared);
            } catch (SQLException e) {
                if (attempt >= maxAttempts || !JdbcSchema.isRetriable(e)) {
                    throw new IllegalStateException("cannot append to ledger table " + table + " (attempt " + attempt
                            + " of " + maxAttempts + "): " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
                }
                backOff(attempt);
            }
        }
    }

    private List<Object> appendBatchOnce(List<Object> prepared) throws SQLException {
        List<Object> out = new ArrayList<>(prepared.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                    + " (seq, record_hash, run_id, artifact_digest, record) VALUES (?, ?, ?, ?, ?)")) {
                ChainHead head = JdbcSchema.lockHead(c, table);
                long index = head.size();
                String prevHash = head.hash();
                ProvenanceRecord last = null;
                for (Object p : prepared) {
                    if (!(p instanceof ProvenanceRecord.Prepared entry)) {
                        out.add(p); // failed before the transaction, alone
                        continue;
                    }
                    ProvenanceRecord r;
                    try {
                        r = entry.seal(index, prevHash);
                    } catch (RuntimeException failure) { // a signer that threw: this entry alone
                        out.add(failure);
                        continue;
                    }
                    addInsert(insert, r);
                    out.add(r);
                    last = r;
                    index++;
                    prevHash = r.hash();
                }
                if (last != null) {
                    insert.executeBatch();
                    JdbcSchema.moveHead(c, table, last.head());
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void addInsert(PreparedStatement insert, ProvenanceRecord r) throws SQLException {
        insert.setLong(1, r.index());
        insert.setString(2, r.hash());
        insert.setString(3, r.entry().runId());
        insert.setString(4, r.entry().artifactDigest().orElse(null));
        insert.setString(5, r.canonicalLine());
        insert.addBatch();
    }

    private static void backOff(int attempt) {
        long bound = Math.min(100, 1L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an append", e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is closed next; the transaction ends with it
        }
    }

    @Override
    public long size() {
        try (Connection c = dataSource.getConnection()) {
            ChainHead head = JdbcSchema.head(c, table);
            return head != null ? head.size() : JdbcSchema.recordCount(c, table);
        } catch (SQLException e) {
            throw failure("read the size of", e);
        }
    }

    @Override
    public List<ProvenanceRecord> read(long from, long to) {
        Records.checkRange(from, to, size());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT seq, record FROM " + table
                        + " WHERE seq >= ? AND seq < ? ORDER BY seq")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            return records(ps, null);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public LedgerVerification verify(VerifyOptions options) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                ChainHead head = JdbcSchema.head(c, table);
                LedgerVerification result = ChainVerifier.verify(() -> JdbcRows.stream(c, table), options, head);
                if (head == null && result instanceof LedgerVerification.Valid v && v.count() > 0) {
                    result = new LedgerVerification.Broken(v.count(), LedgerVerification.Reason.REMOVED,
                            "the head row (seq = -1) of table " + table + " is missing, so the newest records"
                                    + " cannot be checked");
                }
                return result;
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            throw failure("verify", e);
        }
    }

    @Override
    public Explanation explain(String runIdOrArtifactDigest) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT seq, record FROM " + table
                        + " WHERE seq >= 0 AND (run_id = ? OR artifact_digest = ?) ORDER BY seq")) {
            ps.setString(1, runIdOrArtifactDigest);
            ps.setString(2, runIdOrArtifactDigest);
            return new Explanation(runIdOrArtifactDigest, records(ps, runIdOrArtifactDigest));
        } catch (SQLException e) {
            throw failure("explain " + runIdOrArtifactDigest + " from", e);
        }
    }

    /** Reads the rows; with a filter, keeps only readable records whose own content matches it. */
    private List<ProvenanceRecord> records(PreparedStatement ps, @Nullable String filter) throws SQLException {
        List<ProvenanceRecord> records = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String locator = "row seq=" + rs.getLong(1) + " of table " + table;
                if (filter == null) {
                    records.add(Records.read(rs.getString(2), locator));
                } else {
                    try {
                        ProvenanceRecord r = ProvenanceRecord.fromCanonicalLine(rs.getString(2));
                        if (Records.matches(r, filter)) records.add(r);
                    } catch (IllegalArgumentException e) {
                        // unreadable rows are verify()'s to report
                    }
                }
            }
        }
        return records;
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " ledger table " + table + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        appends.awaitIdle(); // what was queued is written (or failed) first
        // connections are taken per operation; the data source belongs to the caller
        if (pinned != null) {
            try {
                pinned.close();
            } catch (SQLException e) {
                // closing the pin is best effort: the database stays usable either way
            }
        }
    }

    private static boolean isEmbeddedH2(Connection c, JdbcSchema.Dialect dialect) throws SQLException {
        if (dialect != JdbcSchema.Dialect.H2) {
            return false;
        }
        String url = c.getMetaData().getURL();
        return url != null && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }
}
