package dev.arbiter.workflow;

import dev.arbiter.core.Usage;
import dev.arbiter.steering.constraint.Budget;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The budget of one run, charged by every step: attempts, input and output tokens, tool calls, cost and wall
 * time are counted across the whole run, not per call.
 *
 * <p>Each {@code try…} method charges and returns the reason when a limit is now exceeded; the caller then
 * ends the run with {@link dev.arbiter.core.FailureMode#BUDGET_EXCEEDED}. Thread-safe (fan-out charges
 * concurrently).
 */
public final class RunBudget {

    private final Budget limits;
    private final PriceTable prices;
    private final Clock clock;
    private final Instant start;
    private int attempts;
    private int toolCalls;
    private Usage usage = Usage.ZERO;
    private BigDecimal cost = BigDecimal.ZERO;

    private RunBudget(Budget limits, PriceTable prices, Clock clock, Spend already) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = clock.instant().minus(already.elapsed());
        this.attempts = already.attempts();
        this.toolCalls = already.toolCalls();
        this.usage = already.usage();
        this.cost = already.cost();
    }

    /** Starts the budget of a run now. */
    public static RunBudget start(Budget limits, PriceTable prices, Clock clock) {
        return new RunBudget(limits, prices, clock, Spend.NONE);
    }

    /** Continues the budget of a resumed run that had already spent {@code already}. */
    public static RunBudget resume(Budget limits, PriceTable prices, Clock clock, Spend already) {
        return new RunBudget(limits, prices, clock, Objects.requireNonNull(already, "already"));
    }

    /** Returns the limits. */
    public Budget limits() {
        return limits;
    }

    /** Counts one generation attempt; returns why the run must stop when that exceeds a limit. */
    public synchronized Optional<String> tryAttempt() {
        Optional<String> over = exceeded();
        if (over.isPresent()) {
            return over;
        }
        if (limits.attempts().isPresent() && attempts >= limits.attempts().getAsInt()) {
            return Optional.of("the run used all " + limits.attempts().getAsInt() + " attempts of its budget");
        }
        attempts++;
        return Optional.empty();
    }

    /** Counts one tool call; returns why the run must stop when that exceeds a limit. */
    public synchronized Optional<String> tryToolCall() {
        if (limits.toolCalls().isPresent() && toolCalls >= limits.toolCalls().getAsInt()) {
            return Optional.of("the run used all " + limits.toolCalls().getAsInt() + " tool calls of its budget");
        }
        toolCalls++;
        return exceeded();
    }

    /**
     * Charges the tokens one generation of {@code modelId} used; returns why the run must stop when a limit is
     * now exceeded. With a cost limit, a model the price table does not know fails closed.
     */
    public synchronized Optional<String> charge(String modelId, Usage used) {
        usage = usage.plus(used);
        Optional<PriceTable.Price> price = prices.priceOf(modelId);
        if (price.isPresent()) {
            cost = cost.add(price.get().cost(used));
        } else if (limits.cost().isPresent()) {
            return Optional.of("model '" + modelId + "' has no price in the price table, so the cost budget of "
                    + limits.cost().get().toPlainString() + " cannot be enforced");
        }
        return exceeded();
    }

    /** Returns why the run must stop now, or empty while every limit holds. */
    public synchronized Optional<String> exceeded() {
        if (limits.inputTokens().isPresent() && usage.inputTokens() > limits.inputTokens().getAsLong()) {
            return Optional.of("the run used " + usage.inputTokens() + " input tokens, over its budget of "
                    + limits.inputTokens().getAsLong());
        }
        if (limits.outputTokens().isPresent() && usage.outputTokens() > limits.outputTokens().getAsLong()) {
            return Optional.of("the run used " + usage.outputTokens() + " output tokens, over its budget of "
                    + limits.outputTokens().getAsLong());
        }
        if (limits.cost().isPresent() && cost.compareTo(limits.cost().get()) > 0) {
            return Optional.of("the run cost " + cost.toPlainString() + ", over its budget of "
                    + limits.cost().get().toPlainString());
        }
        if (limits.wallTime().isPresent()) { // the clock is read only when time is limited
            Duration elapsed = elapsed();
            if (elapsed.compareTo(limits.wallTime().get()) > 0) {
                return Optional.of("the run took " + elapsed.toMillis() + " ms, over its budget of "
                        + limits.wallTime().get().toMillis() + " ms");
            }
        }
        return Optional.empty();
    }

    /** Returns the time left before the wall-time limit, or empty without one. */
    public Optional<Duration> timeLeft() {
        return limits.wallTime().map(limit -> limit.minus(elapsed()));
    }

    /** Returns what the run has used so far. */
    public synchronized Spend spend() {
        return new Spend(attempts, usage, toolCalls, cost, elapsed());
    }

    private Duration elapsed() {
        Duration d = Duration.between(start, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
