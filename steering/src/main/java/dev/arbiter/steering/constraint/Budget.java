package dev.arbiter.steering.constraint;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What one governed step may spend, across all its attempts: input and output tokens, attempts, tool calls, cost
 * and wall time. Every limit is optional; an absent limit is not enforced. The workflow enforces the budget; a
 * step that would exceed it fails with {@link dev.arbiter.core.FailureMode#BUDGET_EXCEEDED}.
 *
 * <p>Cost is in currency-less units (whatever unit the caller prices tokens in). Immutable and thread-safe.
 *
 * <pre>{@code
 * Budget budget = Budget.builder().attempts(3).outputTokens(4_000).wallTime(Duration.ofSeconds(30)).build();
 * }</pre>
 */
public final class Budget {

    private static final Budget UNLIMITED = new Builder().build();

    private final @Nullable Long inputTokens;
    private final @Nullable Long outputTokens;
    private final @Nullable Integer attempts;
    private final @Nullable Integer toolCalls;
    private final @Nullable BigDecimal cost;
    private final @Nullable Duration wallTime;

    private Budget(Builder b) {
        this.inputTokens = b.inputTokens;
        this.outputTokens = b.outputTokens;
        this.attempts = b.attempts;
        this.toolCalls = b.toolCalls;
        this.cost = b.cost;
        this.wallTime = b.wallTime;
    }

    /** Returns a budget with no limits. */
    public static Budget unlimited() {
        return UNLIMITED;
    }

    /** Returns a builder with no limits set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the most input tokens all attempts together may send. */
    public OptionalLong inputTokens() {
        return inputTokens == null ? OptionalLong.empty() : OptionalLong.of(inputTokens);
    }

    /** Returns the most output tokens all attempts together may receive. */
    public OptionalLong outputTokens() {
        return outputTokens == null ? OptionalLong.empty() : OptionalLong.of(outputTokens);
    }

    /** Returns the most generation attempts (the first one included). */
    public OptionalInt attempts() {
        return attempts == null ? OptionalInt.empty() : OptionalInt.of(attempts);
    }

    /** Returns the most tool calls that may be executed. */
    public OptionalInt toolCalls() {
        return toolCalls == null ? OptionalInt.empty() : OptionalInt.of(toolCalls);
    }

    /** Returns the most the step may cost, in the caller's units. */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }

    /** Returns the most wall-clock time the step may take. */
    public Optional<Duration> wallTime() {
        return Optional.ofNullable(wallTime);
    }

    /** Returns a builder holding this budget's limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.inputTokens = inputTokens;
        b.outputTokens = outputTokens;
        b.attempts = attempts;
        b.toolCalls = toolCalls;
        b.cost = cost;
        b.wallTime = wallTime;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Budget b && Objects.equals(inputTokens, b.inputTokens)
                && Objects.equals(outputTokens, b.outputTokens) && Objects.equals(attempts, b.attempts)
                && Objects.equals(toolCalls, b.toolCalls)
                && (cost == null ? b.cost == null : b.cost != null && cost.compareTo(b.cost) == 0)
                && Objects.equals(wallTime, b.wallTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputTokens, outputTokens, attempts, toolCalls,
                cost == null ? null : cost.stripTrailingZeros(), wallTime);
    }

    @Override
    public String toString() {
        return "Budget[inputTokens=" + inputTokens + ", outputTokens=" + outputTokens + ", attempts=" + attempts
                + ", toolCalls=" + toolCalls + ", cost=" + cost + ", wallTime=" + wallTime + "]";
    }

    /** Builds a {@link Budget}. Each setter validates its value and names it when it is out of range. Not thread-safe. */
    public static final class Builder {
        private @Nullable Long inputTokens;
        private @Nullable Long outputTokens;
        private @Nullable Integer attempts;
        private @Nullable Integer toolCalls;
        private @Nullable BigDecimal cost;
        private @Nullable Duration wallTime;

        private Builder() {}

        /** Limits input tokens across attempts; must be positive. */
        public Builder inputTokens(long tokens) {
            this.inputTokens = positive(tokens, "inputTokens");
            return this;
        }

        /** Limits output tokens across attempts; must be positive. */
        public Builder outputTokens(long tokens) {
            this.outputTokens = positive(tokens, "outputTokens");
            return this;
        }

        /** Limits the number of attempts; must be at least 1. */
        public Builder attempts(int attempts) {
            this.attempts = (int) positive(attempts, "attempts");
            return this;
        }

        /** Limits executed tool calls; 0 allows none. */
        public Builder toolCalls(int calls) {
            if (calls < 0) throw new IllegalArgumentException("toolCalls must be >= 0, was " + calls);
            this.toolCalls = calls;
            return this;
        }

        /** Limits the cost in the caller's units; must not be negative. */
        public Builder cost(BigDecimal cost) {
            Objects.requireNonNull(cost, "cost");
            if (cost.signum() < 0) throw new IllegalArgumentException("cost must be >= 0, was " + cost);
            this.cost = cost;
            return this;
        }

        /** Limits wall-clock time; must be positive. */
        public Builder wallTime(Duration wallTime) {
            Objects.requireNonNull(wallTime, "wallTime");
            if (wallTime.isNegative() || wallTime.isZero()) {
                throw new IllegalArgumentException("wallTime must be positive, was " + wallTime);
            }
            this.wallTime = wallTime;
            return this;
        }

        /** Returns the budget. */
        public Budget build() {
            return new Budget(this);
        }

        private static long positive(long value, String name) {
            if (value <= 0) throw new IllegalArgumentException(name + " must be positive, was " + value);
            return value;
        }
    }
}
