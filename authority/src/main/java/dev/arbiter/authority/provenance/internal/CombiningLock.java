package dev.arbiter.authority.provenance.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A lock whose short critical sections can be run by whichever thread holds it (flat combining), so that many
 * threads appending to one chain do not hand the lock to one another.
 *
 * <p>With a plain lock, each of N contending appenders must be woken and scheduled in turn before it can take the
 * lock; on a machine with few cores and many runnable threads, that wait is far longer than the work under the lock
 * (2,000 concurrent pipeline runs on two cores waited tens of milliseconds per append). Here an appender queues its
 * work; the thread that holds the lock runs every queued piece in arrival order, then wakes each owner, who finds its
 * result ready. The work still runs one piece at a time, in one order, under the lock, exactly as before.
 *
 * <p>Every thread that releases the lock ({@link #unlock()}, or the end of {@link #combine}) runs whatever was
 * queued while it held it, unless another thread holds the lock by then (which does the same when it releases it),
 * so no queued piece is left behind. Thread-safe.
 */
final class CombiningLock {

    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Piece<?>> queue = new ConcurrentLinkedQueue<>();

    /** Takes the lock, as {@link ReentrantLock#lock()}. */
    void lock() {
        lock.lock();
    }

    /** Releases the lock, then runs any work queued meanwhile (see the class comment). */
    void unlock() {
        lock.unlock();
        if (lock.getHoldCount() == 0) {
            runQueued();
        }
    }

    /** Returns whether the calling thread holds the lock. */
    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * Runs the work under the lock, in arrival order with the work of other threads, and returns its result, or
     * throws what it threw. The calling thread may run other threads' work too, or wait while another thread runs
     * its own. Must not be called while holding the lock.
     */
    <T> T combine(Supplier<T> work) {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("combine() called while holding the lock");
        }
        Piece<T> piece = new Piece<>(work, Thread.currentThread());
        queue.add(piece);
        boolean interrupted = false;
        while (!piece.done) {
            if (lock.tryLock()) {
                try {
                    runAll();
                } finally {
                    lock.unlock();
                }
                runQueued();
            } else {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // the work is queued: it will run; keep the flag for the caller
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return piece.result();
    }

    /** While work is queued and the lock is free, takes it and runs the work. */
    private void runQueued() {
        while (!queue.isEmpty() && lock.tryLock()) {
            try {
                runAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs every queued piece. Under the lock. */
    private void runAll() {
        Piece<?> piece;
        while ((piece = queue.poll()) != null) {
            piece.run();
            if (piece.owner != Thread.currentThread()) {
                LockSupport.unpark(piece.owner);
            }
        }
    }

    /** One thread's work and, once run, its result. */
    private static final class Piece<T> {
        private final Supplier<T> work;
        private final Thread owner;
        private T value;
        private RuntimeException runtimeFailure;
        private Error errorFailure;
        private volatile boolean done;

        Piece(Supplier<T> work, Thread owner) {
            this.work = work;
            this.owner = owner;
        }

        void run() {
            try {
                value = work.get();
            } catch (RuntimeException e) {
                runtimeFailure = e;
            } catch (Error e) {
                errorFailure = e;
            }
            done = true; // publishes value and failure to the owner
        }

        T result() {
            if (runtimeFailure != null) {
                throw runtimeFailure;
            }
            if (errorFailure != null) {
                throw errorFailure;
            }
            return value;
        }
    }
}
