package dev.arbiter.eval;

import dev.arbiter.core.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices of models per million input and output tokens, for the harness's cost accounting.
 *
 * <p>A model id is priced by its exact entry, or else by the longest entry it starts with, so
 * {@code gpt-4o-mini} prices {@code gpt-4o-mini-2024-07-18} and {@code gpt-4o} does not take it. A model with no
 * entry has no price: its calls are counted as unpriced, never as free. Immutable and thread-safe.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.of("USD", Map.of(
 *         "gpt-4o-mini", PriceTable.Price.perMillion("0.15", "0.60"),
 *         "gpt-4o", PriceTable.Price.perMillion("2.50", "10.00")));
 * }</pre>
 */
public final class PriceTable {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** No prices: every call is unpriced. */
    public static final PriceTable NONE = new PriceTable("USD", Map.of());

    /**
     * The price of one model.
     *
     * @param inputPerMillion the price of a million input tokens; {@code >= 0}
     * @param outputPerMillion the price of a million output tokens; {@code >= 0}
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

        /** Returns the price of decimal strings per million tokens, e.g. {@code perMillion("0.15", "0.60")}. */
        public static Price perMillion(String input, String output) {
            return new Price(new BigDecimal(input), new BigDecimal(output));
        }
    }

    private final String currency;
    private final Map<String, Price> prices;

    private PriceTable(String currency, Map<String, Price> prices) {
        this.currency = Objects.requireNonNull(currency, "currency");
        this.prices = Collections.unmodifiableMap(new TreeMap<>(prices));
    }

    /** Returns a table of the prices, in the currency (a label for reports, e.g. {@code USD}). */
    public static PriceTable of(String currency, Map<String, Price> prices) {
        prices.keySet().forEach(k -> {
            if (k.isBlank()) {
                throw new IllegalArgumentException("a price table entry has a blank model id");
            }
        });
        return new PriceTable(currency, prices);
    }

    /** Returns the price of the model, by its exact entry or the longest entry it starts with. */
    public Optional<Price> priceOf(String modelId) {
        Price exact = prices.get(modelId);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String key : prices.keySet()) {
            if (modelId.startsWith(key) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? Optional.empty() : Optional.of(prices.get(best));
    }

    /** Returns the cost of the usage on the model, or empty when the model has no price. */
    public Optional<BigDecimal> cost(String modelId, Usage usage) {
        return priceOf(modelId).map(p -> p.inputPerMillion().multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(p.outputPerMillion().multiply(BigDecimal.valueOf(usage.outputTokens())))
                .divide(MILLION, MathContext.DECIMAL64));
    }

    /** The currency label. */
    public String currency() {
        return currency;
    }

    /** The prices by model id, sorted. */
    public Map<String, Price> prices() {
        return prices;
    }

    @Override
    public String toString() {
        return "PriceTable{" + currency + ", " + prices.keySet() + "}";
    }
}
