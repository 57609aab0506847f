package dev.arbiter.authority.verify;

/**
 * What a JSON-reading verifier does with output that wraps its JSON in a Markdown code fence or puts prose around
 * it (models do this even when told not to).
 */
public enum FencePolicy {
    /**
     * Fail with {@link dev.arbiter.core.FailureMode#SCHEMA_VIOLATION} and feedback telling the model to return the
     * bare JSON value: the output is exactly what the application receives.
     */
    REJECT,
    /**
     * Verify the JSON inside the first code fence, or else the first balanced JSON object or array, and record the
     * extraction in the verdict's notes. The application must then use the extracted value, not the raw text.
     */
    EXTRACT
}
