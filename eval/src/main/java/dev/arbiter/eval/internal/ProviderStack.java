package dev.arbiter.eval.internal;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ProviderDetail;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The generator stack the harness puts under every subject:
 * {@code Account(Cache(Retry(RateLimit(provider))))}. A cache hit makes no provider call and takes no rate-limit
 * permit; every attempt, retries included, takes one; accounting sees both.
 *
 * <p>Retries: only {@link FailureMode#PROVIDER_UNAVAILABLE} is retried, at most {@code maxRetries} times. The
 * wait is the provider's {@code Retry-After} when it sent one (a wait longer than {@code maxWait} is not
 * waited: the failure is reported), else exponential backoff from {@code initialBackoff}, doubling, capped at
 * {@code maxBackoff}, with equal jitter (half fixed, half random). Thread-safe.
 */
public final class ProviderStack {

    private final Generator provider;
    private final @Nullable ResponseCache cache;
    private final RateLimiter limiter;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxWait;
    private final Timing timing;
    private final DoubleSupplier random;

    public ProviderStack(Generator provider, @Nullable ResponseCache cache, RateLimiter limiter, int maxRetries,
            Duration initialBackoff, Duration maxBackoff, Duration maxWait, Timing timing, DoubleSupplier random) {
        this.provider = provider;
        this.cache = cache;
        this.limiter = limiter;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxWait = maxWait;
        this.timing = timing;
        this.random = random;
    }

    /** Returns a generator for one trial, accounting into the log. */
    public Generator forTrial(CallLog log) {
        return request -> generate(request, log);
    }

    Generation generate(GenerationRequest request, CallLog log) {
        if (cache != null) {
            Generation cached = cache.lookup(request);
            if (cached != null) {
                log.cached(cached);
                return cached;
            }
        }
        Generation g = withRetries(request, log);
        log.fresh(g);
        if (cache != null) {
            cache.store(request, g);
        }
        return g;
    }

    private Generation withRetries(GenerationRequest request, CallLog log) {
        for (int attempt = 0; ; attempt++) {
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "interrupted while rate limited",
                        ProviderDetail.NONE, e);
            }
            log.providerCall();
            try {
                Generation g = provider.generate(request);
                if (g == null) {
                    throw new IllegalStateException("generator " + provider + " returned null for request "
                            + request.digest());
                }
                limiter.record(g.usage().totalTokens());
                return g;
            } catch (ArbiterException e) {
                Optional<Duration> wait = waitBeforeRetry(e, attempt);
                if (wait.isEmpty()) {
                    throw e;
                }
                log.retry();
                sleep(wait.get(), e);
            }
        }
    }

    /** Returns how long to wait before the next attempt, or empty when the failure is not retried. */
    Optional<Duration> waitBeforeRetry(ArbiterException e, int attempt) {
        if (e.failureMode() != FailureMode.PROVIDER_UNAVAILABLE || attempt >= maxRetries) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = e.detail().retryAfter();
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(maxWait) <= 0 ? retryAfter : Optional.empty();
        }
        long base = initialBackoff.toNanos() << Math.min(attempt, 30);
        long capped = Math.min(maxBackoff.toNanos(), base < 0 ? Long.MAX_VALUE : base);
        return Optional.of(Duration.ofNanos(capped / 2 + (long) (random.getAsDouble() * (capped / 2))));
    }

    private void sleep(Duration wait, ArbiterException cause) {
        try {
            timing.sleep(wait);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(ie);
            throw cause;
        }
    }
}
