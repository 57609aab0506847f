package dev.arbiter.workflow;

/**
 * What the attempt loop of a {@link GovernedStep} does about a failure mode.
 *
 * <p>The defaults per {@link dev.arbiter.core.FailureMode} are in {@link Remedies#defaults()}; every remedy that
 * retries still counts against the step's attempts and the run's budget.
 */
public enum Remedy {
    /** Re-ask with the exact findings, keeping the contract, schema and tools of the request. */
    REPAIR,
    /** Assemble the context again, telling the sources what was missing or wrong, and re-ask. */
    RE_RETRIEVE,
    /** Wait (exponential back-off with jitter, at least the provider's Retry-After) and send the same request. */
    BACK_OFF,
    /** Assemble the context into half the tokens and re-ask. */
    SHRINK_CONTEXT,
    /** Re-ask with twice the output-token limit, within the run's output budget. */
    RAISE_LIMIT,
    /** Suspend the run and ask a person; the outcome is {@link Outcome.Escalated}. */
    ESCALATE,
    /** Stop the run; the outcome is {@link Outcome.Failed}. */
    ABORT
}
