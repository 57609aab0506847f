package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.LedgerDamagedException;
import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The ledger table: its dialect, its creation, its head row and the errors worth retrying. Thread-safe. */
final class JdbcSchema {

    /** The seq of the head row. */
    static final long HEAD_SEQ = -1;

    /** How many times the table's creation runs when another instance creates it at the same moment. */
    private static final int DDL_ATTEMPTS = 5;

    private static final Set<String> RETRIABLE_STATES = Set.of(
            "40001", // serialization failure (PostgreSQL), deadlock (H2)
            "40P01", // deadlock (PostgreSQL)
            "55P03", // lock not available (PostgreSQL)
            "23505", // unique violation: a racing append or head-row creation won
            "HYT00", // lock timeout (H2)
            "42P07", // relation already exists: a racing CREATE TABLE IF NOT EXISTS (PostgreSQL)
            "42710"); // duplicate object ("type ... already exists"): the same race, seen on the table's row type

    /** The databases the ledger runs on. */
    enum Dialect {
        POSTGRESQL("TEXT"),
        H2("CLOB");

        private final String textType;

        Dialect(String textType) {
            this.textType = textType;
        }

        static Dialect of(Connection c) throws SQLException {
            String product = c.getMetaData().getDatabaseProductName();
            String p = product.toLowerCase(Locale.ROOT);
            if (p.contains("postgres")) return POSTGRESQL;
            if (p.equals("h2")) return H2;
            throw new IllegalArgumentException("the provenance ledger runs on PostgreSQL and H2, not on " + product);
        }
    }

    private JdbcSchema() {}

    static boolean isRetriable(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && RETRIABLE_STATES.contains(x.getSQLState())) return true;
            if (x instanceof java.sql.SQLTransientException) return true;
        }
        return false;
    }

    /** Creates the table, its indexes and its head row unless they exist. Needs autocommit. */
    static void create(Connection c, Dialect dialect, String table) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                        + "seq BIGINT PRIMARY KEY, "
                        + "record_hash CHAR(64) NOT NULL, "
                        + "run_id VARCHAR(1024), "
                        + "artifact_digest CHAR(64), "
                        + "record " + dialect.textType + " NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS " + table + "_run_id_idx ON " + table + " (run_id)");
                s.execute("CREATE INDEX IF NOT EXISTS " + table + "_artifact_idx ON " + table + " (artifact_digest)");
                break;
            } catch (SQLException e) {
                // another instance creating the same objects at the same moment can make IF NOT EXISTS fail (H2:
                // "object already exists"; PostgreSQL: 42P07, 23505); the statements are idempotent, so run them again
                if (attempt >= DDL_ATTEMPTS) {
                    throw e;
                }
            }
        }
        if (head(c, table) != null) {
            return;
        }
        long rows = recordCount(c, table);
        if (rows > 0 && head(c, table) != null) {
            // another instance created the head row and appended after this one looked for it: a head row is
            // committed before any record, so a record seen here with no head row seen after it means a removed head
            return;
        }
        if (rows > 0) {
            throw new LedgerDamagedException(new Broken(rows, Reason.REMOVED, "table " + table + " holds " + rows
                    + " records but no head row (seq = -1): the chain cannot be continued"));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (seq, record_hash, run_id, artifact_digest, record) VALUES (?, ?, NULL, NULL, ?)")) {
            ps.setLong(1, HEAD_SEQ);
            ps.setString(2, ChainHead.EMPTY.hash());
            ps.setString(3, ChainHead.EMPTY.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw e; // another instance created it first
        }
    }

    /** Fails unless the table exists. */
    static void requireTable(Connection c, String table) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("no provenance ledger table '" + table + "' in this database: "
                    + e.getMessage(), e);
        }
    }

    /** Returns the head row, or {@code null} if there is none. */
    static @Nullable ChainHead head(Connection c, String table) throws SQLException {
        return readHead(c, "SELECT record FROM " + table + " WHERE seq = " + HEAD_SEQ, table);
    }

    /** Locks the head row for this transaction and returns it. */
    static ChainHead lockHead(Connection c, String table) throws SQLException {
        ChainHead head = readHead(c, "SELECT record FROM " + table + " WHERE seq = " + HEAD_SEQ + " FOR UPDATE", table);
        if (head == null) {
            throw new LedgerDamagedException(new Broken(0, Reason.REMOVED, "the head row (seq = -1) of table " + table
                    + " is missing: the chain cannot be continued"));
        }
        return head;
    }

    private static @Nullable ChainHead readHead(Connection c, String sql, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) return null;
            String text = rs.getString(1);
            try {
                return ChainHead.parse(text);
            } catch (IllegalArgumentException e) {
                throw new LedgerDamagedException(new Broken(0, Reason.MALFORMED, "the head row (seq = -1) of table "
                        + table + " is not SIZE:HASH: " + e.getMessage()));
            }
        }
    }

    static void moveHead(Connection c, String table, ChainHead head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET record_hash = ?, record = ? WHERE seq = ?")) {
            ps.setString(1, head.hash());
            ps.setString(2, head.toString());
            ps.setLong(3, HEAD_SEQ);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the head row of table " + table + " vanished during an append");
            }
        }
    }

    static long recordCount(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE seq >= 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
