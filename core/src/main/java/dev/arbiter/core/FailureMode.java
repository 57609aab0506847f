package dev.arbiter.core;

/**
 * The failure taxonomy: every way a governed step can fail, with the layer it belongs to and whether
 * another attempt can succeed without a person.
 *
 * <p>{@link #retriable()} is true when a new attempt (the same call again, or a changed one: repaired,
 * shrunk, re-retrieved) can succeed without a person deciding anything. The workflow chooses the remedy
 * per mode; the defaults are listed on each constant.
 */
public enum FailureMode {

    /** The contract is incomplete or ambiguous, or the model asks for clarification. Remedy: escalate to the contract's owner. */
    UNDERSPECIFIED(Layer.STEERING, false),
    /** Constraints contradict each other. Remedy: escalate; no generation. */
    CONSTRAINT_CONFLICT(Layer.STEERING, false),
    /** Material the task needs is absent. Remedy: re-retrieve or escalate. */
    CONTEXT_MISSING(Layer.STEERING, true),
    /** Retrieved material is irrelevant to the task. Remedy: re-retrieve. */
    RETRIEVAL_WRONG(Layer.STEERING, true),
    /** The request exceeds the budget or the model's context window. Remedy: shrink context. */
    CONTEXT_OVERFLOW(Layer.STEERING, true),

    /** Output is not valid JSON or breaks the schema. Remedy: repair with the errors. */
    SCHEMA_VIOLATION(Layer.AUTHORITY, true),
    /** A claim, quote or citation is not supported by the evidence. Remedy: repair with the findings. */
    HALLUCINATION(Layer.AUTHORITY, true),
    /** A tool call or content is outside the permission envelope. Remedy: deny; escalate. */
    POLICY_VIOLATION(Layer.AUTHORITY, false),
    /** A verifier threw. Remedy: fail closed. */
    VERIFIER_ERROR(Layer.AUTHORITY, false),

    /** The model refused. Remedy: escalate. */
    REFUSAL(Layer.PROVIDER, false),
    /** Output cut by the token limit. Remedy: continue or raise the limit within budget. */
    TRUNCATED(Layer.PROVIDER, true),
    /** The provider's content filter blocked the request or the output. Remedy: escalate. */
    CONTENT_FILTERED(Layer.PROVIDER, false),
    /** 429, 5xx, 529, timeout, connection failure, malformed body. Remedy: back off and retry. */
    PROVIDER_UNAVAILABLE(Layer.PROVIDER, true),
    /** 400, 401, 403, 404, quota exhausted. Remedy: abort. */
    PROVIDER_REJECTED(Layer.PROVIDER, false),

    /** Unknown tool, or arguments that break the tool's schema. Remedy: repair. */
    TOOL_MISDECLARED(Layer.TOOL, true),
    /** The tool threw or returned an error. Remedy: retry the tool or escalate. */
    TOOL_FAILED(Layer.TOOL, true),

    /** Attempts, tokens, cost, time or tool calls used up. Remedy: abort. */
    BUDGET_EXCEEDED(Layer.WORKFLOW, false);

    /** The layer of the system a failure mode belongs to. */
    public enum Layer {
        /** What the model is told: contracts, context, output constraints. */
        STEERING,
        /** What decides: verifiers, provenance, permissions. */
        AUTHORITY,
        /** The model provider and its API. */
        PROVIDER,
        /** Tools the model proposes to call. */
        TOOL,
        /** The pipeline: budgets, steps, checkpoints. */
        WORKFLOW
    }

    private final Layer layer;
    private final boolean retriable;

    FailureMode(Layer layer, boolean retriable) {
        this.layer = layer;
        this.retriable = retriable;
    }

    /** Returns the layer this failure belongs to. */
    public Layer layer() {
        return layer;
    }

    /**
     * Returns whether another attempt can succeed without a person: the same call again (a transient
     * provider failure) or a changed one (a repair, a smaller context, a new retrieval).
     */
    public boolean retriable() {
        return retriable;
    }
}
