package dev.arbiter.workflow.internal;

import dev.arbiter.core.Usage;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Spend;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * A {@link CheckpointStore} in table {@code arbiter_checkpoints}, keyed by run id and step key; portable SQL
 * (PostgreSQL, H2). Thread-safe; many instances may share one database (the first save of a key wins). {@link
 * #saveAsync} commits, and {@link #loadAsync} queries, on the checkpoint stores' pool of at most {@value
 * CheckpointIo#THREADS} daemon threads ({@code arbiter-checkpoint-io}), so that concurrent runs' commits proceed
 * together and the database can flush them as one.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    private static final String DDL = "CREATE TABLE IF NOT EXISTS arbiter_checkpoints ("
            + "run_id VARCHAR(512) NOT NULL, step_key VARCHAR(1024) NOT NULL, step_id VARCHAR(512) NOT NULL, "
            + "artifact VARCHAR NOT NULL, attempts INT NOT NULL, input_tokens BIGINT NOT NULL, "
            + "output_tokens BIGINT NOT NULL, tool_calls INT NOT NULL, cost VARCHAR(64) NOT NULL, "
            + "elapsed_ms BIGINT NOT NULL, created_at TIMESTAMP NOT NULL, PRIMARY KEY (run_id, step_key))";
    private static final String SELECT = "SELECT step_id, artifact, attempts, input_tokens, output_tokens, "
            + "tool_calls, cost, elapsed_ms, created_at FROM arbiter_checkpoints WHERE run_id = ? AND step_key = ?";
    private static final String INSERT = "INSERT INTO arbiter_checkpoints (run_id, step_key, step_id, artifact, "
            + "attempts, input_tokens, output_tokens, tool_calls, cost, elapsed_ms, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public JdbcCheckpointStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(DDL);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create table arbiter_checkpoints: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Checkpoint> load(String runId, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, Objects.requireNonNull(runId, "runId"));
            ps.setString(2, Objects.requireNonNull(key, "key"));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Spend spend = new Spend(rs.getInt(3), Usage.of(rs.getLong(4), rs.getLong(5)), rs.getInt(6),
                        new BigDecimal(rs.getString(7)), Duration.ofMillis(rs.getLong(8)));
                return Optional.of(new Checkpoint(runId, key, rs.getString(1), rs.getString(2), spend,
                        rs.getTimestamp(9).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load checkpoint " + key + " of run " + runId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Queries on the checkpoint stores' I/O threads; see {@link CheckpointStore#loadAsync}. */
    @Override
    public CompletableFuture<Optional<Checkpoint>> loadAsync(String runId, String key) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(key, "key");
        return CompletableFuture.supplyAsync(() -> load(runId, key), CheckpointIo.POOL);
    }

    /** Saves on the checkpoint stores' I/O threads; see {@link CheckpointStore#saveAsync}. */
    @Override
    public CompletableFuture<Void> saveAsync(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        return CompletableFuture.runAsync(() -> save(checkpoint), CheckpointIo.POOL);
    }

    @Override
    public void save(Checkpoint cp) {
        Objects.requireNonNull(cp, "checkpoint");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, cp.runId());
            ps.setString(2, cp.key());
            ps.setString(3, cp.stepId());
            ps.setString(4, cp.artifactJson());
            ps.setInt(5, cp.spend().attempts());
            ps.setLong(6, cp.spend().usage().inputTokens());
            ps.setLong(7, cp.spend().usage().outputTokens());
            ps.setInt(8, cp.spend().toolCalls());
            ps.setString(9, cp.spend().cost().toPlainString());
            ps.setLong(10, cp.spend().elapsed().toMillis());
            ps.setTimestamp(11, Timestamp.from(cp.time()));
            ps.executeUpdate();
        } catch (SQLException e) {
            IllegalStateException failed = new IllegalStateException("cannot save checkpoint " + cp.key() + " of run "
                    + cp.runId() + ": " + e.getMessage(), e);
            try {
                if (load(cp.runId(), cp.key()).isPresent()) {
                    return; // another instance saved this step first
                }
            } catch (IllegalStateException unreadable) {
                failed.addSuppressed(unreadable); // the database is unreachable: report the save's own failure
            }
            throw failed;
        }
    }
}
