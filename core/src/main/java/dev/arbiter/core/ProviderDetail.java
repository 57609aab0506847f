package dev.arbiter.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a provider said about a failure: HTTP status, the provider's error type and code, its message, the
 * request id and the {@code Retry-After} it asked for. Every part is optional because transports differ.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class ProviderDetail {

    /** No detail at all (a failure that did not come from a provider response). */
    public static final ProviderDetail NONE = builder().build();

    private final int httpStatus;
    private final @Nullable String errorType;
    private final @Nullable String errorCode;
    private final @Nullable String message;
    private final @Nullable String requestId;
    private final @Nullable Duration retryAfter;

    private ProviderDetail(Builder builder) {
        this.httpStatus = builder.httpStatus;
        this.errorType = builder.errorType;
        this.errorCode = builder.errorCode;
        this.message = builder.message;
        this.requestId = builder.requestId;
        this.retryAfter = builder.retryAfter;
    }

    /** Returns a new builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this detail's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.httpStatus = httpStatus;
        b.errorType = errorType;
        b.errorCode = errorCode;
        b.message = message;
        b.requestId = requestId;
        b.retryAfter = retryAfter;
        return b;
    }

    /** The HTTP status of the response, when there was one. */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /** The provider's error type, e.g. {@code rate_limit_error} or {@code invalid_request_error}. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** The provider's error code, e.g. {@code context_length_exceeded} or {@code insufficient_quota}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The provider's message, as sent. */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /** The provider's request id, for support tickets. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How long the provider asked the client to wait before retrying. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderDetail d
                && httpStatus == d.httpStatus
                && Objects.equals(errorType, d.errorType)
                && Objects.equals(errorCode, d.errorCode)
                && Objects.equals(message, d.message)
                && Objects.equals(requestId, d.requestId)
                && Objects.equals(retryAfter, d.retryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(httpStatus, errorType, errorCode, message, requestId, retryAfter);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ProviderDetail{");
        if (httpStatus > 0) s.append("status=").append(httpStatus).append(' ');
        if (errorType != null) s.append("type=").append(errorType).append(' ');
        if (errorCode != null) s.append("code=").append(errorCode).append(' ');
        if (retryAfter != null) s.append("retryAfter=").append(retryAfter).append(' ');
        if (requestId != null) s.append("requestId=").append(requestId).append(' ');
        if (message != null) s.append("message=").append(message);
        return s.toString().strip() + "}";
    }

    /** Builds a {@link ProviderDetail}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private int httpStatus;
        private @Nullable String errorType;
        private @Nullable String errorCode;
        private @Nullable String message;
        private @Nullable String requestId;
        private @Nullable Duration retryAfter;

        private Builder() {}

        /** Sets the HTTP status; {@code 0} means none. */
        public Builder httpStatus(int httpStatus) {
            if (httpStatus < 0) {
                throw new IllegalArgumentException("httpStatus must be >= 0, was " + httpStatus);
            }
            this.httpStatus = httpStatus;
            return this;
        }

        public Builder errorType(@Nullable String errorType) {
            this.errorType = errorType;
            return this;
        }

        public Builder errorCode(@Nullable String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public Builder message(@Nullable String message) {
            this.message = message;
            return this;
        }

        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** Sets the wait the provider asked for; negative durations are rejected. */
        public Builder retryAfter(@Nullable Duration retryAfter) {
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        public ProviderDetail build() {
            return new ProviderDetail(this);
        }
    }
}
