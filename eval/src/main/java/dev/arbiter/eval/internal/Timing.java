package dev.arbiter.eval.internal;

import java.time.Duration;

/** The time source and the sleeping of the harness, replaceable in tests. Implementations are thread-safe. */
public interface Timing {

    /** The system's: {@link System#nanoTime()} and {@link Thread#sleep}. */
    Timing SYSTEM = new Timing() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            long nanos = duration.toNanos();
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }
    };

    /** Returns a monotonic time in nanoseconds. */
    long nanoTime();

    /** Sleeps for the duration. */
    void sleep(Duration duration) throws InterruptedException;
}
