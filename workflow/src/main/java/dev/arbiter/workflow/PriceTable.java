package dev.arbiter.workflow;

import dev.arbiter.core.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices per model, in US dollars per million tokens, used to charge a run's cost {@code Budget}.
 *
 * <p>A model id matches the longest table key it starts with, so {@code gpt-4o-mini-2024-07-18} is priced as
 * {@code gpt-4o-mini}. {@link #defaults()} ships list prices for a few common models as published by the
 * providers and checked on 2025-06-01; prices change, so configure your own with {@link #of(Map)} or
 * {@link #with(String, Price)} for anything that matters. A model without a price cannot be charged: a run with
 * a cost budget fails closed on it (see {@link RunBudget}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PriceTable {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /**
     * The price of one model.
     *
     * @param inputPerMillion dollars per million input tokens
     * @param outputPerMillion dollars per million output tokens
     */
    public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
        public Price {
            Objects.requireNonNull(inputPerMillion, "inputPerMillion");
            Objects.requireNonNull(outputPerMillion, "outputPerMillion");
            if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
                throw new IllegalArgumentException("prices must be >= 0, were " + inputPerMillion + " and "
                        + outputPerMillion);
            }
        }

        /** Returns the price of {@code input} and {@code output} dollars per million tokens. */
        public static Price of(String input, String output) {
            return new Price(new BigDecimal(input), new BigDecimal(output));
        }

        /** Returns the cost of {@code usage} at this price. */
        public BigDecimal cost(Usage usage) {
            return inputPerMillion.multiply(BigDecimal.valueOf(usage.inputTokens()))
                    .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())))
                    .divide(MILLION, MathContext.DECIMAL64);
        }
    }

    private static final PriceTable EMPTY = new PriceTable(new TreeMap<>());

    private static final PriceTable DEFAULTS = of(Map.of(
            "gpt-4o", Price.of("2.50", "10.00"),
            "gpt-4o-mini", Price.of("0.15", "0.60"),
            "gpt-4.1", Price.of("2.00", "8.00"),
            "gpt-4.1-mini", Price.of("0.40", "1.60"),
            "gpt-4.1-nano", Price.of("0.10", "0.40"),
            "claude-3-5-haiku", Price.of("0.80", "4.00"),
            "claude-3-5-sonnet", Price.of("3.00", "15.00"),
            "claude-sonnet-4", Price.of("3.00", "15.00"),
            "claude-opus-4", Price.of("15.00", "75.00")));

    private final TreeMap<String, Price> prices;

    private PriceTable(TreeMap<String, Price> prices) {
        this.prices = prices;
    }

    /** Returns a table without prices. */
    public static PriceTable empty() {
        return EMPTY;
    }

    /** Returns the shipped list prices (checked 2025-06-01; see the class comment). */
    public static PriceTable defaults() {
        return DEFAULTS;
    }

    /** Returns a table of exactly these prices, keyed by model id prefix. */
    public static PriceTable of(Map<String, Price> prices) {
        TreeMap<String, Price> copy = new TreeMap<>();
        prices.forEach((model, price) -> {
            if (Objects.requireNonNull(model, "model").isBlank()) {
                throw new IllegalArgumentException("a price table key must not be blank");
            }
            copy.put(model, Objects.requireNonNull(price, "price of " + model));
        });
        return new PriceTable(copy);
    }

    /** Returns a copy with {@code model} priced at {@code price}. */
    public PriceTable with(String model, Price price) {
        TreeMap<String, Price> copy = new TreeMap<>(prices);
        copy.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(price, "price"));
        return new PriceTable(copy);
    }

    /** Returns the price of {@code modelId}: the entry with the longest key that the id starts with. */
    public Optional<Price> priceOf(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        String best = null;
        for (String key : prices.keySet()) {
            if (modelId.startsWith(key) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? Optional.empty() : Optional.of(prices.get(best));
    }

    /** Returns the priced models. */
    public Map<String, Price> prices() {
        return Map.copyOf(prices);
    }
}
