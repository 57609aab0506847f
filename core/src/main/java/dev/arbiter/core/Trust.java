package dev.arbiter.core;

/**
 * Whether material may steer the model and authorise actions.
 *
 * <p>Trusted: the application's code, the intent contract, the end user's request as the application marks
 * it, and context items and tools the application marks trusted. Untrusted: retrieved documents, web pages,
 * e-mails, tool outputs by default, and the model's own output. Untrusted content is data, never instructions.
 */
public enum Trust {
    /** Material the application vouches for. */
    TRUSTED,
    /** Material from outside the application's control; data only. */
    UNTRUSTED
}
