package dev.arbiter.eval.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limits requests and tokens per minute over a sliding window of 60 seconds, as providers count them.
 *
 * <p>{@link #acquire()} waits until fewer than {@code requestsPerMinute} requests started in the last minute and
 * fewer than {@code tokensPerMinute} tokens were reported in it, then counts the request. Tokens are known only
 * after a call, so {@link #record(long)} counts them when the call returns: calls already in flight can take the
 * window past the token limit, by at most what they use. Zero means no limit. Thread-safe; waiting happens
 * outside the lock.
 */
public final class RateLimiter {

    private static final long WINDOW = Duration.ofMinutes(1).toNanos();

    private final int requestsPerMinute;
    private final long tokensPerMinute;
    private final Timing timing;
    private final Deque<Long> requests = new ArrayDeque<>();
    private final Deque<long[]> tokens = new ArrayDeque<>();
    private long tokensInWindow;

    public RateLimiter(int requestsPerMinute, long tokensPerMinute, Timing timing) {
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("rate limits must be >= 0 (0 for none), were " + requestsPerMinute
                    + " requests and " + tokensPerMinute + " tokens per minute");
        }
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.timing = timing;
    }

    /** Returns whether any limit is set. */
    public boolean limits() {
        return requestsPerMinute > 0 || tokensPerMinute > 0;
    }

    /** Waits until a request may start, and counts it. */
    public void acquire() throws InterruptedException {
        if (!limits()) {
            return;
        }
        while (true) {
            long wait;
            synchronized (this) {
                long now = timing.nanoTime();
                prune(now);
                boolean requestsOk = requestsPerMinute == 0 || requests.size() < requestsPerMinute;
                boolean tokensOk = tokensPerMinute == 0 || tokensInWindow < tokensPerMinute;
                if (requestsOk && tokensOk) {
                    requests.addLast(now);
                    return;
                }
                long untilRequest = requestsOk ? 0 : requests.peekFirst() + WINDOW - now;
                long untilTokens = tokensOk ? 0 : tokens.peekFirst()[0] + WINDOW - now;
                wait = Math.max(1_000_000L, Math.max(untilRequest, untilTokens));
            }
            timing.sleep(Duration.ofNanos(wait));
        }
    }

    /** Counts the tokens a finished call used. */
    public synchronized void record(long tokenCount) {
        if (tokensPerMinute == 0 || tokenCount <= 0) {
            return;
        }
        tokens.addLast(new long[] {timing.nanoTime(), tokenCount});
        tokensInWindow += tokenCount;
    }

    private void prune(long now) {
        while (!requests.isEmpty() && requests.peekFirst() + WINDOW <= now) {
            requests.removeFirst();
        }
        while (!tokens.isEmpty() && tokens.peekFirst()[0] + WINDOW <= now) {
            tokensInWindow -= tokens.removeFirst()[1];
        }
    }
}
