package dev.arbiter.authority.permission.internal;

import dev.arbiter.authority.permission.Approval;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;

/** Checks shared by the approval queues. */
final class Approvals {

    private Approvals() {}

    static Duration ttl(Duration ttl) {
        if (Objects.requireNonNull(ttl, "timeToLive").isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive, was " + ttl);
        }
        return ttl;
    }

    static void person(String approver, String reason) {
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(reason, "reason");
        if (approver.isBlank()) {
            throw new IllegalArgumentException("an approval needs the approver's identity");
        }
    }

    static IllegalStateException notDecidable(Approval a, java.time.Instant now) {
        String state = a.isExpired(now) ? "expired at " + a.expiresAt() : a.status().toString().toLowerCase();
        return new IllegalStateException("approval '" + a.id() + "' for tool '" + a.request().toolName()
                + "' cannot be decided: it is " + state);
    }

    static NoSuchElementException missing(String id) {
        return new NoSuchElementException("there is no approval '" + id + "'");
    }
}
