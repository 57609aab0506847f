package dev.arbiter.authority.permission.internal;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.ApprovalRequest;
import dev.arbiter.core.SecureRandoms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An approval queue in memory. Thread-safe: every method is synchronized. */
public final class InMemoryApprovalQueue implements ApprovalQueue {

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Approval> approvals = new LinkedHashMap<>();

    /** Creates an empty queue. */
    public InMemoryApprovalQueue(Clock clock, Duration timeToLive) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Approvals.ttl(timeToLive);
    }

    @Override
    public synchronized Approval submit(ApprovalRequest request) {
        Instant now = clock.instant();
        for (Approval a : approvals.values()) {
            if (a.request().runId().equals(request.runId()) && a.request().callDigest().equals(request.callDigest())
                    && (a.status() == Approval.Status.PENDING || a.status() == Approval.Status.APPROVED)
                    && !a.isExpired(now)) {
                return a;
            }
        }
        Approval a = new Approval(SecureRandoms.uuid().toString(), request, now, now.plus(ttl), Approval.Status.PENDING,
                null, null, null);
        approvals.put(a.id(), a);
        return a;
    }

    @Override
    public synchronized Approval approve(String id, String approver, String reason) {
        return decide(id, approver, reason, Approval.Status.APPROVED);
    }

    @Override
    public synchronized Approval reject(String id, String approver, String reason) {
        return decide(id, approver, reason, Approval.Status.REJECTED);
    }

    private Approval decide(String id, String approver, String reason, Approval.Status to) {
        Approvals.person(approver, reason);
        Approval a = approvals.get(id);
        if (a == null) {
            throw Approvals.missing(id);
        }
        Instant now = clock.instant();
        if (a.status() != Approval.Status.PENDING || a.isExpired(now)) {
            throw Approvals.notDecidable(a, now);
        }
        Approval decided = new Approval(a.id(), a.request(), a.createdAt(), a.expiresAt(), to, approver, reason, now);
        approvals.put(id, decided);
        return decided;
    }

    @Override
    public synchronized Optional<Approval> find(String id) {
        return Optional.ofNullable(approvals.get(id));
    }

    @Override
    public synchronized Optional<Approval> consume(String runId, String callDigest) {
        Instant now = clock.instant();
        for (Approval a : approvals.values()) {
            if (a.status() == Approval.Status.APPROVED && !a.isExpired(now) && a.request().runId().equals(runId)
                    && a.request().callDigest().equals(callDigest)) {
                Approval used = new Approval(a.id(), a.request(), a.createdAt(), a.expiresAt(),
                        Approval.Status.CONSUMED, a.approver(), a.decisionReason(), a.decidedAt());
                approvals.put(a.id(), used);
                return Optional.of(used);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<Approval> pending() {
        Instant now = clock.instant();
        return approvals.values().stream()
                .filter(a -> a.status() == Approval.Status.PENDING && !a.isExpired(now)).toList();
    }
}
