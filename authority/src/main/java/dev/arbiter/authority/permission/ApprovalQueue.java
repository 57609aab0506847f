package dev.arbiter.authority.permission;

import dev.arbiter.authority.permission.internal.InMemoryApprovalQueue;
import dev.arbiter.authority.permission.internal.JdbcApprovalQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Pending and decided approvals, each bound to the digest of the exact call it approves.
 *
 * <p>Life of an approval: {@link #submit} (pending) → {@link #approve} or {@link #reject} by a named person with a
 * reason → {@link #consume} (once) by the gateway when the same call is proposed again. An approval cannot be used
 * for any other call (another digest or run), cannot be used twice, and after its expiry can be neither approved
 * nor used. Stores: {@link #inMemory}, and {@link #jdbc} on PostgreSQL or H2, where a pending approval survives a
 * restart and several service instances share one queue.
 *
 * <p>Implementations are thread-safe; every state change is atomic (in the JDBC store, one conditional update).
 */
public interface ApprovalQueue {

    /**
     * Asks for an approval. If the same call of the same run is already pending or approved and unexpired, returns
     * that one instead of asking again.
     */
    Approval submit(ApprovalRequest request);

    /**
     * Approves a pending approval.
     *
     * @throws IllegalStateException if it is not pending or has expired
     * @throws java.util.NoSuchElementException if there is no such approval
     */
    Approval approve(String id, String approver, String reason);

    /**
     * Rejects a pending approval.
     *
     * @throws IllegalStateException if it is not pending or has expired
     * @throws java.util.NoSuchElementException if there is no such approval
     */
    Approval reject(String id, String approver, String reason);

    /** Returns the approval with this id. */
    Optional<Approval> find(String id);

    /**
     * Uses up the approved, unexpired approval for exactly this call of this run, if there is one: it becomes
     * {@link Approval.Status#CONSUMED} and is returned; every later call returns empty.
     */
    Optional<Approval> consume(String runId, String callDigest);

    /** Returns the pending, unexpired approvals, oldest first. */
    List<Approval> pending();

    /** Returns a queue held in memory, whose approvals expire after the given time. */
    static ApprovalQueue inMemory(Clock clock, Duration timeToLive) {
        return new InMemoryApprovalQueue(clock, timeToLive);
    }

    /**
     * Returns a queue in the table {@code arbiter_approvals} of the database (PostgreSQL or H2), created on first
     * use.
     */
    static ApprovalQueue jdbc(DataSource dataSource, Clock clock, Duration timeToLive) {
        return new JdbcApprovalQueue(dataSource, clock, timeToLive);
    }
}
