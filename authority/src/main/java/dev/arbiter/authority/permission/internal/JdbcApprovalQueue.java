package dev.arbiter.authority.permission.internal;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.ApprovalRequest;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.core.SecureRandoms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An approval queue in the table {@code arbiter_approvals} (PostgreSQL or H2), created on first use. Every state
 * change is one conditional {@code UPDATE} (from the expected state, before expiry), so two instances can never
 * both approve, or both consume, one approval. Instants are stored as epoch milliseconds. Thread-safe.
 */
public final class JdbcApprovalQueue implements ApprovalQueue {

    private static final String TABLE = "arbiter_approvals";
    private static final String COLUMNS = "id, run_id, tool_name, call_digest, call_json, rule, reason, policy_id, "
            + "policy_version, created_at, expires_at, status, approver, decision_reason, decided_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration ttl;
    private volatile boolean ready;

    /** Creates a queue over the data source; the table is created on first use. */
    public JdbcApprovalQueue(DataSource dataSource, Clock clock, Duration timeToLive) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Approvals.ttl(timeToLive);
    }

    @Override
    public Approval submit(ApprovalRequest r) {
        Instant now = clock.instant();
        try (Connection c = connection()) {
            Optional<Approval> open = first(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE run_id = ? AND "
                    + "call_digest = ? AND status IN ('PENDING','APPROVED') AND expires_at > ? ORDER BY created_at",
                    r.runId(), r.callDigest(), now.toEpochMilli());
            if (open.isPresent()) {
                return open.get();
            }
            Approval a = new Approval(SecureRandoms.uuid().toString(), r, now, now.plus(ttl), Approval.Status.PENDING,
                    null, null, null);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL,NULL)")) {
                bind(s, a.id(), r.runId(), r.toolName(), r.callDigest(), r.canonicalCall(), r.rule(), r.reason(),
                        r.policy().id(), r.policy().version(), now.toEpochMilli(), a.expiresAt().toEpochMilli(),
                        "PENDING");
                s.executeUpdate();
            }
            return a;
        } catch (SQLException e) {
            throw failure("submit an approval for tool '" + r.toolName() + "'", e);
        }
    }

    @Override
    public Approval approve(String id, String approver, String reason) {
        return decide(id, approver, reason, Approval.Status.APPROVED);
    }

    @Override
    public Approval reject(String id, String approver, String reason) {
        return decide(id, approver, reason, Approval.Status.REJECTED);
    }

    private Approval decide(String id, String approver, String reason, Approval.Status to) {
        Approvals.person(approver, reason);
        Instant now = clock.instant();
        try (Connection c = connection()) {
            int n;
            try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET status = ?, approver = ?, "
                    + "decision_reason = ?, decided_at = ? WHERE id = ? AND status = 'PENDING' AND expires_at > ?")) {
                bind(s, to.name(), approver, reason, now.toEpochMilli(), id, now.toEpochMilli());
                n = s.executeUpdate();
            }
            Approval a = byId(c, id).orElseThrow(() -> Approvals.missing(id));
            if (n != 1) {
                throw Approvals.notDecidable(a, now);
            }
            return a;
        } catch (SQLException e) {
            throw failure("decide approval '" + id + "'", e);
        }
    }

    @Override
    public Optional<Approval> find(String id) {
        try (Connection c = connection()) {
            return byId(c, id);
        } catch (SQLException e) {
            throw failure("read approval '" + id + "'", e);
        }
    }

    @Override
    public Optional<Approval> consume(String runId, String callDigest) {
        long now = clock.instant().toEpochMilli();
        try (Connection c = connection()) {
            List<Approval> candidates = all(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE run_id = ? AND "
                    + "call_digest = ? AND status = 'APPROVED' AND expires_at > ? ORDER BY created_at",
                    runId, callDigest, now);
            for (Approval a : candidates) {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET status = 'CONSUMED' "
                        + "WHERE id = ? AND status = 'APPROVED' AND expires_at > ?")) {
                    bind(s, a.id(), now);
                    if (s.executeUpdate() == 1) {
                        return byId(c, a.id());
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw failure("consume an approval of run '" + runId + "'", e);
        }
    }

    @Override
    public List<Approval> pending() {
        try (Connection c = connection()) {
            return all(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE status = 'PENDING' AND expires_at > ? "
                    + "ORDER BY created_at", clock.instant().toEpochMilli());
        } catch (SQLException e) {
            throw failure("list pending approvals", e);
        }
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        if (!ready) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(64) PRIMARY KEY, "
                        + "run_id VARCHAR(512) NOT NULL, tool_name VARCHAR(512) NOT NULL, call_digest CHAR(64) NOT NULL, "
                        + "call_json TEXT NOT NULL, rule VARCHAR(512) NOT NULL, reason TEXT NOT NULL, "
                        + "policy_id VARCHAR(512) NOT NULL, policy_version VARCHAR(128) NOT NULL, "
                        + "created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, status VARCHAR(16) NOT NULL, "
                        + "approver VARCHAR(512), decision_reason TEXT, decided_at BIGINT)");
                s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_call ON " + TABLE + " (run_id, call_digest)");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            ready = true;
        }
        return c;
    }

    private Optional<Approval> byId(Connection c, String id) throws SQLException {
        return first(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", id);
    }

    private Optional<Approval> first(Connection c, String sql, Object... args) throws SQLException {
        List<Approval> all = all(c, sql, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<Approval> all(Connection c, String sql, Object... args) throws SQLException {
        List<Approval> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
        }
        return out;
    }

    private static Approval row(ResultSet r) throws SQLException {
        ApprovalRequest req = new ApprovalRequest(r.getString("run_id"), r.getString("tool_name"),
                r.getString("call_digest").trim(), r.getString("call_json"), r.getString("rule"),
                r.getString("reason"), PolicyRef.of(r.getString("policy_id"), r.getString("policy_version")));
        long decided = r.getLong("decided_at");
        Instant decidedAt = r.wasNull() ? null : Instant.ofEpochMilli(decided);
        return new Approval(r.getString("id"), req, Instant.ofEpochMilli(r.getLong("created_at")),
                Instant.ofEpochMilli(r.getLong("expires_at")), Approval.Status.valueOf(r.getString("status")),
                r.getString("approver"), r.getString("decision_reason"), decidedAt);
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " in table " + TABLE + ": " + e.getMessage(), e);
    }
}
