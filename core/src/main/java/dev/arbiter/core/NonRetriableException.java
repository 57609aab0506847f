package dev.arbiter.core;

import org.jspecify.annotations.Nullable;

/**
 * A failure that another attempt cannot fix without a person: a rejected request, a refusal, a policy
 * violation, an exhausted budget (see {@link FailureMode#retriable()}).
 */
public non-sealed class NonRetriableException extends ArbiterException {

    /**
     * Creates the exception.
     *
     * @throws IllegalArgumentException if the mode is retriable
     */
    public NonRetriableException(
            FailureMode failureMode, String message, ProviderDetail detail, @Nullable Throwable cause) {
        super(RetriableException.requireRetriable(failureMode, false), message, detail, cause);
    }

    @Override
    public final boolean isRetriable() {
        return false;
    }
}
