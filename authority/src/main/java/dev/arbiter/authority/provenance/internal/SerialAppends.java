package dev.arbiter.authority.provenance.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Asynchronous appends that each write and force on their own ({@code FSYNC_EACH}), run one at a time, in the order
 * they were asked, by a thread of the ledger's ({@code arbiter-ledger-append-N}, a daemon started by the first
 * append and ended after {@value #IDLE_SECONDS} seconds without one), so that the thread that asks never waits for
 * the disk. Thread-safe.
 *
 * <p>{@link #close} lets every append already asked for run before it returns, even when the ledger is closed from
 * a completion on that thread itself (those then run on it at once), so none is dropped unanswered; appends asked for
 * after it fail.
 */
final class SerialAppends {

    private static final int IDLE_SECONDS = 30;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ThreadPoolExecutor writer;
    /** Appends asked for whose record is not yet sealed (or failed). */
    private final AtomicInteger pending = new AtomicInteger();

    SerialAppends() {
        writer = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Writer(r, this);
            t.setDaemon(true);
            return t;
        });
    }

    /** A thread of this writer's, told apart so that {@link #close} on it does not wait for itself. */
    private static final class Writer extends Thread {
        private final SerialAppends owner;

        Writer(Runnable r, SerialAppends owner) {
            super(r, "arbiter-ledger-append-" + THREADS.incrementAndGet());
            this.owner = owner;
        }
    }

    /**
     * Runs {@code append} after every append asked for before it; the future completes on the writer's thread with
     * what it returns or throws. Once closed, the future fails with {@code closed}'s exception.
     */
    <T> CompletableFuture<T> submit(Supplier<T> append, Supplier<RuntimeException> closed) {
        CompletableFuture<T> done = new CompletableFuture<>();
        pending.incrementAndGet();
        try {
            writer.execute(() -> {
                T result;
                try {
                    result = append.get();
                } catch (RuntimeException | Error e) {
                    pending.decrementAndGet();
                    done.completeExceptionally(e);
                    return;
                }
                pending.decrementAndGet();
                done.complete(result);
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            done.completeExceptionally(closed.get());
        }
        return done;
    }

    /**
     * Runs {@code append} on this thread once every append asked for before it has run, and returns what it returns:
     * the synchronous append of the same ledger, which must come after them in the chain. When none is waiting it runs
     * at once, with no hand-over; on the writer's thread (a completion that appends) those waiting run here first.
     */
    <T> T runAfterPending(Supplier<T> append, Supplier<RuntimeException> closed) {
        if (pending.get() == 0) {
            return append.get(); // every append asked for before this call has its place in the chain
        }
        if (onWriter()) {
            runQueuedHere();
            return append.get();
        }
        try {
            return submit(append, closed).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private boolean onWriter() {
        return Thread.currentThread() instanceof Writer w && w.owner == this;
    }

    private void runQueuedHere() {
        List<Runnable> left = new ArrayList<>();
        writer.getQueue().drainTo(left);
        left.forEach(Runnable::run);
    }

    /**
     * Takes no more appends and returns once every append asked for has run: on the writer's own thread, by running
     * them here; on any other, by waiting for the writer. An interrupted wait returns at once, with the flag set.
     */
    void close() {
        writer.shutdown();
        if (onWriter()) {
            runQueuedHere();
            return;
        }
        try {
            while (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                // an append takes a write and a force: a minute without one ending means a disk that hangs
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
