package dev.arbiter.workflow;

import dev.arbiter.core.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What a run has used so far: attempts, tokens, tool calls, cost and wall time.
 *
 * <p>Immutable and thread-safe; components are never {@code null}.
 *
 * @param attempts generation attempts across every step of the run
 * @param usage input and output tokens as the providers reported them
 * @param toolCalls tool calls executed or denied
 * @param cost the cost by the run's {@link PriceTable}
 * @param elapsed wall time since the run started
 */
public record Spend(int attempts, Usage usage, int toolCalls, BigDecimal cost, Duration elapsed) {

    /** Nothing spent. */
    public static final Spend NONE = new Spend(0, Usage.ZERO, 0, BigDecimal.ZERO, Duration.ZERO);

    public Spend {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    @Override
    public String toString() {
        return "attempts=" + attempts + ", inputTokens=" + usage.inputTokens() + ", outputTokens="
                + usage.outputTokens() + ", toolCalls=" + toolCalls + ", cost=" + cost.toPlainString()
                + ", elapsed=" + elapsed.toMillis() + "ms";
    }
}
