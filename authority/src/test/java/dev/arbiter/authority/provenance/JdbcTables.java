package dev.arbiter.authority.provenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Reads and rewrites the rows of a ledger table directly, the way someone tampering with it would. */
final class JdbcTables {

    private JdbcTables() {}

    /** Returns the record column of every record row, in seq order. */
    static List<String> records(DataSource ds, String table) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT record FROM " + table + " WHERE seq >= 0 ORDER BY seq")) {
            while (rs.next()) lines.add(rs.getString(1));
        }
        return lines;
    }

    /**
     * Replaces the record rows with the given lines at seq 0, 1, 2, … (the head row stays): each row's indexed
     * columns are taken from its line, as a careful tamperer would set them; a line that is not a record keeps
     * the record_hash of the original row at that place.
     */
    static void rewrite(DataSource ds, String table, List<String> lines, List<String> original) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + table + " WHERE seq >= 0");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " (seq, record_hash, run_id, artifact_digest, record) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < lines.size(); i++) {
                    ProvenanceRecord r = readable(lines.get(i));
                    ProvenanceRecord columns = r != null ? r
                            : ProvenanceRecord.fromCanonicalLine(original.get(Math.min(i, original.size() - 1)));
                    ps.setLong(1, i);
                    ps.setString(2, columns.hash());
                    ps.setString(3, columns.entry().runId());
                    ps.setString(4, columns.entry().artifactDigest().orElse(null));
                    ps.setString(5, lines.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private static @Nullable ProvenanceRecord readable(String line) {
        try {
            return ProvenanceRecord.fromCanonicalLine(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Runs one statement. */
    static int execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}
