package dev.arbiter.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Arbiter throws for a failure of the governed work (not for programmer errors,
 * which are plain {@link NullPointerException}, {@link IllegalArgumentException} and
 * {@link IllegalStateException}).
 *
 * <p>Every instance carries its {@link FailureMode} and, when a provider was involved, the provider's
 * {@link ProviderDetail}. It is either a {@link RetriableException} (another attempt can succeed: the mode
 * is {@link FailureMode#retriable()}) or a {@link NonRetriableException}; {@link #of} picks the right one.
 */
public abstract sealed class ArbiterException extends RuntimeException
        permits RetriableException, NonRetriableException {

    private final FailureMode failureMode;
    private final ProviderDetail detail;

    ArbiterException(FailureMode failureMode, String message, ProviderDetail detail, @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /**
     * Returns a retriable or non-retriable exception for the mode, as {@link FailureMode#retriable()} says.
     */
    public static ArbiterException of(
            FailureMode failureMode, String message, ProviderDetail detail, @Nullable Throwable cause) {
        return Objects.requireNonNull(failureMode, "failureMode").retriable()
                ? new RetriableException(failureMode, message, detail, cause)
                : new NonRetriableException(failureMode, message, detail, cause);
    }

    /** Same as {@link #of(FailureMode, String, ProviderDetail, Throwable)} with no detail and no cause. */
    public static ArbiterException of(FailureMode failureMode, String message) {
        return of(failureMode, message, ProviderDetail.NONE, null);
    }

    /** Returns what kind of failure this is. */
    public FailureMode failureMode() {
        return failureMode;
    }

    /** Returns what the provider said, or {@link ProviderDetail#NONE}. */
    public ProviderDetail detail() {
        return detail;
    }

    /** Returns whether another attempt can succeed without a person. */
    public abstract boolean isRetriable();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + failureMode + "]: " + getMessage();
    }
}
