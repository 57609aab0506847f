package dev.arbiter.workflow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits: the back-off remedy sleeps through this so that tests can record waits instead of waiting.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * The real sleeper: {@link Thread#sleep}; {@link #sleepAsync} completes after the duration without holding a
     * thread, and what follows the wait runs on the common fork-join pool.
     */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }

        @Override
        public CompletableFuture<Void> sleepAsync(Duration duration) {
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public String toString() {
            return "Sleeper.SYSTEM";
        }
    };

    /**
     * Waits for {@code duration}.
     *
     * @throws InterruptedException when the thread is interrupted; the run then fails
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits for {@code duration} without holding the calling thread: the future completes when the wait is over.
     * An asynchronous run ({@code Pipeline.runAsync}) backs off through this. The default calls {@link #sleep} on the
     * calling thread (so a sleeper that records waits still only records them); an asynchronous run calls a sleeper
     * that keeps this default (a lambda, say) on the pipeline's executor for blocking work
     * ({@code Pipeline.Builder.blockingWork}), so that a sleep does not hold the thread the run is on.
     * {@link #SYSTEM} does not block.
     *
     * @return the future end of the wait; completed exceptionally if the wait was interrupted
     */
    default CompletableFuture<Void> sleepAsync(Duration duration) {
        try {
            sleep(duration);
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }
}
