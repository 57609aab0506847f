package dev.arbiter.steering.context;

/**
 * How a {@link ContextItem} may be changed to fit a token budget.
 *
 * <p>Whatever the treatment, an item is never changed silently: the {@link ContextManifest} says what happened.
 */
public enum Treatment {

    /** Whole or not at all: the content goes in unchanged, or the item is dropped as over budget. */
    VERBATIM,

    /**
     * May be cut: when the whole item does not fit, the longest run of whole sentences from its start that fits
     * goes in, marked as cut (how many sentences of how many) both in the rendered label and in the manifest.
     * An item none of whose sentences fits is dropped as over budget.
     */
    QUOTE,

    /**
     * Replaced by a summary that the assembler's summarising {@link dev.arbiter.core.Generator} writes. The
     * summary is model output, so it is always rendered as untrusted and marked as derived; the original stays
     * in the {@link dev.arbiter.core.Evidence} so claims can be checked against it. When no summariser is
     * configured, or the summariser fails, the item is dropped with the reason (fail closed).
     */
    SUMMARIZE,

    /** Never goes in; listed in the manifest as excluded. */
    EXCLUDE
}
