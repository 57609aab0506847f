package dev.arbiter.authority.permission;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One approval request and its state, bound to the digest of the exact call it approves. Immutable and
 * thread-safe; an {@link ApprovalQueue} returns a new value after every change.
 *
 * @param id the approval's id, unique in its queue
 * @param request what is asked
 * @param createdAt when it was asked
 * @param expiresAt after this, it can be neither approved nor used
 * @param status its stored state
 * @param approver who approved or rejected it, once someone did
 * @param decisionReason why they did
 * @param decidedAt when they did
 */
public record Approval(String id, ApprovalRequest request, Instant createdAt, Instant expiresAt, Status status,
        @Nullable String approver, @Nullable String decisionReason, @Nullable Instant decidedAt) {

    /** The stored state of an approval. */
    public enum Status {
        /** Waiting for a person. */
        PENDING,
        /** A person approved it; the call may run once. */
        APPROVED,
        /** A person rejected it. */
        REJECTED,
        /** The approved call ran; the approval cannot be used again. */
        CONSUMED
    }

    public Approval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }

    /** Returns whether it expired at the given instant (only pending and approved approvals expire). */
    public boolean isExpired(Instant now) {
        return (status == Status.PENDING || status == Status.APPROVED) && !now.isBefore(expiresAt);
    }

    /** Returns who approved or rejected it. */
    public Optional<String> decidedBy() {
        return Optional.ofNullable(approver);
    }
}
