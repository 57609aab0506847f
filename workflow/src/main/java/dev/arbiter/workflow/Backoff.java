package dev.arbiter.workflow;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Exponential back-off with full jitter for {@link Remedy#BACK_OFF}, honouring the provider's Retry-After.
 *
 * <p>The wait before retry {@code n} (1-based) is a uniform random duration in
 * {@code [0, min(max, initial * 2^(n-1))]}, and never less than the Retry-After the provider sent (a
 * Retry-After above {@code max} is still honoured: the provider said so). After {@code maxRetries} back-offs in
 * one step the step fails with the provider's failure mode. Immutable and thread-safe.
 *
 * @param initial the first wait's upper bound
 * @param max the cap of the exponential part
 * @param maxRetries back-offs allowed per step
 */
public record Backoff(Duration initial, Duration max, int maxRetries) {

    /** 500 ms doubling up to 30 s, 4 retries. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 4);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 <= initial <= max, was " + initial + " and " + max);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
    }

    /**
     * Returns the wait before retry {@code retry}.
     *
     * @param retry 1-based retry number
     * @param retryAfter what the provider asked for, if anything
     * @param random the source of jitter
     */
    public Duration delay(int retry, Optional<Duration> retryAfter, Random random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based, was " + retry);
        }
        long cap = initial.toMillis();
        for (int i = 1; i < retry && cap < max.toMillis(); i++) {
            cap = Math.min(max.toMillis(), cap * 2);
        }
        long jittered = cap <= 0 ? 0 : (long) (random.nextDouble() * (cap + 1));
        Duration wait = Duration.ofMillis(Math.min(jittered, cap));
        return retryAfter.filter(after -> after.compareTo(wait) > 0).orElse(wait);
    }
}
