package dev.arbiter.authority.permission;

/** What a grant does with a call that a rule will not allow automatically: refuse it, or ask a person. */
public enum Refusal {
    /** Refuse the call ({@link PermissionDecision.Deny}). */
    DENY,
    /** Ask a person to approve this exact call ({@link PermissionDecision.NeedsApproval}). */
    APPROVE
}
