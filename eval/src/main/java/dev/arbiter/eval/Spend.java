package dev.arbiter.eval;

import dev.arbiter.core.Usage;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What runs cost: provider calls, retries, cache hits, tokens and money.
 *
 * <p>{@code cost} sums the calls whose model has a price in the {@link PriceTable}; {@code unpricedCalls} counts
 * the others, so a partial sum is never taken for the whole. Tokens served from the response cache are counted
 * apart ({@code cachedUsage}) and cost nothing. Immutable and thread-safe.
 *
 * @param providerCalls calls that reached the provider, retries included
 * @param retries calls that were retries after {@code PROVIDER_UNAVAILABLE}
 * @param cacheHits calls answered from the response cache
 * @param usage tokens of the calls that reached the provider
 * @param cachedUsage tokens of the generations served from the cache
 * @param cost the price of the priced calls, in the price table's currency
 * @param unpricedCalls calls whose model has no price
 */
public record Spend(int providerCalls, int retries, int cacheHits, Usage usage, Usage cachedUsage, BigDecimal cost,
        int unpricedCalls) {

    /** Nothing spent. */
    public static final Spend NONE = new Spend(0, 0, 0, Usage.ZERO, Usage.ZERO, BigDecimal.ZERO, 0);

    public Spend {
        if (providerCalls < 0 || retries < 0 || cacheHits < 0 || unpricedCalls < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cachedUsage, "cachedUsage");
        Objects.requireNonNull(cost, "cost");
    }

    /** Returns the sum of this spend and another. */
    public Spend plus(Spend other) {
        return new Spend(providerCalls + other.providerCalls, retries + other.retries, cacheHits + other.cacheHits,
                usage.plus(other.usage), cachedUsage.plus(other.cachedUsage), cost.add(other.cost),
                unpricedCalls + other.unpricedCalls);
    }
}
