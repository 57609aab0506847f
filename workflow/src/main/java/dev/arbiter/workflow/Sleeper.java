package dev.arbiter.workflow;

import java.time.Duration;

/**
 * Waits: the back-off remedy sleeps through this so that tests can record waits instead of waiting.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /** The real sleeper: {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /**
     * Waits for {@code duration}.
     *
     * @throws InterruptedException when the thread is interrupted; the run then fails
     */
    void sleep(Duration duration) throws InterruptedException;
}
