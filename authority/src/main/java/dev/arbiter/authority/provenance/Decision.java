package dev.arbiter.authority.provenance;

/**
 * What was decided, as one {@link ProvenanceRecord} records it.
 *
 * <p>The first four are the outcomes of a governed step; the others record decisions around it (a person's
 * answer to an approval request, a tool call the gateway executed) and the ledger's own maintenance. The names
 * are part of the canonical record form: they are never renamed.
 */
public enum Decision {
    /** Every deterministic verdict passed; the output was accepted and may ship. */
    ACCEPTED,
    /** The output was rejected (a verdict failed and no remedy was left or allowed). */
    REJECTED,
    /** A person must decide: an approval or a review was requested. */
    ESCALATED,
    /** The step failed without an output to judge (provider rejected the call, budget used up, ...). */
    FAILED,
    /** A person approved what was escalated; the record names the approver. */
    APPROVED,
    /** A person denied what was escalated; the record names the approver. */
    DENIED,
    /** The tool gateway executed a tool call that the permission envelope allowed. */
    TOOL_EXECUTED,
    /**
     * The ledger itself was repaired on open: a partial last line, left by a crash before that append was
     * acknowledged, was cut off. The record's note says which bytes and where they were saved.
     */
    LEDGER_REPAIRED
}
