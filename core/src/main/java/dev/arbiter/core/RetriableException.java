package dev.arbiter.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure after which another attempt can succeed without a person: a transient provider failure, or one
 * that a changed request can fix (see {@link FailureMode#retriable()}).
 */
public non-sealed class RetriableException extends ArbiterException {

    /**
     * Creates the exception.
     *
     * @throws IllegalArgumentException if the mode is not retriable
     */
    public RetriableException(
            FailureMode failureMode, String message, ProviderDetail detail, @Nullable Throwable cause) {
        super(requireRetriable(failureMode, true), message, detail, cause);
    }

    static FailureMode requireRetriable(FailureMode mode, boolean retriable) {
        if (Objects.requireNonNull(mode, "failureMode").retriable() != retriable) {
            throw new IllegalArgumentException(
                    mode + (retriable ? " is not retriable" : " is retriable") + "; use ArbiterException.of");
        }
        return mode;
    }

    @Override
    public final boolean isRetriable() {
        return true;
    }
}
