package dev.arbiter.authority.provenance.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** The record rows of a ledger table as a stream of stored lines, in seq order. Not thread-safe. */
final class JdbcRows implements Iterator<StoredLine> {

    private final ResultSet rs;
    private long position;
    private @Nullable Boolean hasNext;

    private JdbcRows(ResultSet rs) {
        this.rs = rs;
    }

    /** Returns every record row; closing the stream closes the statement. The connection stays open. */
    static Stream<StoredLine> stream(Connection c, String table) {
        try {
            PreparedStatement ps = c.prepareStatement("SELECT seq, record_hash, run_id, artifact_digest, record FROM "
                    + table + " WHERE seq >= 0 ORDER BY seq");
            ps.setFetchSize(256);
            ResultSet rs = ps.executeQuery();
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new JdbcRows(rs),
                    Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> closeQuietly(ps));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read ledger table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        if (hasNext == null) {
            try {
                hasNext = rs.next();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the ledger table: " + e.getMessage(), e);
            }
        }
        return hasNext;
    }

    @Override
    public StoredLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        hasNext = null;
        try {
            long seq = rs.getLong(1);
            StoredLine.Columns columns = new StoredLine.Columns(trim(rs.getString(2)), rs.getString(3), trim(rs.getString(4)));
            return new StoredLine(position++, "row seq=" + seq, rs.getString(5), true, columns);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger table: " + e.getMessage(), e);
        }
    }

    private static @Nullable String trim(@Nullable String s) {
        return s == null ? null : s.trim();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            // nothing left to do
        }
    }
}
