package dev.arbiter.eval.internal;

import dev.arbiter.core.Generation;
import dev.arbiter.core.Usage;
import dev.arbiter.eval.PriceTable;
import dev.arbiter.eval.Spend;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one trial's model calls did: provider calls, retries, cache hits, tokens, cost and the generations.
 * Thread-safe: a subject may call its generator from several threads.
 */
public final class CallLog {

    private final PriceTable prices;
    private final List<Generation> generations = new ArrayList<>();
    private int providerCalls;
    private int retries;
    private int cacheHits;
    private Usage usage = Usage.ZERO;
    private Usage cachedUsage = Usage.ZERO;
    private BigDecimal cost = BigDecimal.ZERO;
    private int unpriced;

    public CallLog(PriceTable prices) {
        this.prices = prices;
    }

    /** Counts an attempt that goes to the provider. */
    public synchronized void providerCall() {
        providerCalls++;
    }

    /** Counts a retry. */
    public synchronized void retry() {
        retries++;
    }

    /** Counts a generation returned by the provider, with its tokens and price. */
    public synchronized void fresh(Generation g) {
        generations.add(g);
        usage = usage.plus(g.usage());
        Optional<BigDecimal> c = prices.cost(g.modelId(), g.usage());
        if (c.isPresent()) {
            cost = cost.add(c.get());
        } else {
            unpriced++;
        }
    }

    /** Counts a generation served from the cache. */
    public synchronized void cached(Generation g) {
        generations.add(g);
        cacheHits++;
        cachedUsage = cachedUsage.plus(g.usage());
    }

    /** Returns what was spent so far. */
    public synchronized Spend spend() {
        return new Spend(providerCalls, retries, cacheHits, usage, cachedUsage, cost, unpriced);
    }

    /** Returns the generations so far, in order. */
    public synchronized List<Generation> generations() {
        return List.copyOf(generations);
    }
}
