package dev.arbiter.authority.provenance.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Group commit: appenders that have queued their line wait until a force covers it; one of them (the leader)
 * writes every line queued so far in one write, forces the file, then wakes the others. While a force runs, new
 * lines pile up and the next leader writes and forces them all at once, so N concurrent appenders share far fewer
 * than N writes and forces. Thread-safe.
 *
 * <p>Waiters park on their own ({@link LockSupport#park}) and the leader unparks each of them when its force ends;
 * they do not wait on a lock's condition, whose waiters, once signalled, reacquire the lock one after the other, each
 * woken by the one before: with 16 appenders on two cores and forces of 0.2 ms that chain of wake-ups took as long
 * as the force itself. Parking does not pin a virtual thread's carrier (Java 21 to 23). A virtual thread never
 * leads: it leaves the writing and forcing to the force thread of the asynchronous appends and parks until its line
 * is forced ({@link #awaitForceThread}).
 *
 * <p>A delay (off by default) lets a leader wait, before it writes and forces, for the other appends in progress to
 * queue their lines, as PostgreSQL's {@code commit_delay} does: when a force ends, every waiter wakes and starts its
 * next append at once, and the first of them to queue its line leads a force of that one line while the others, a
 * few microseconds behind, wait a whole force for the next, so groups alternate between small and large (about 8
 * appends per force with 16 appenders on two cores and 0.2 ms forces). With a delay, a leader waits until every
 * append in progress (begun and not yet returned) has a line queued and not yet written, or until the delay ends,
 * whichever comes first. A lone appender never waits; appends that come and go unevenly may wait the whole delay
 * for appenders that do not append again, which is why it is off unless asked for.
 */
final class GroupCommit {

    private final Force force;
    private final Drain drain;
    private final AtomicBoolean forcing = new AtomicBoolean();
    /** The threads parked for a force, newest first; the leader takes them all when its force ends. */
    private final AtomicReference<@Nullable Waiter> waiters = new AtomicReference<>();
    /** Appends in progress: begun and not yet returned (or failed). */
    private final AtomicInteger inside = new AtomicInteger();
    /** Lines queued since the ledger opened, and how many of them the leaders have taken to write. */
    private final AtomicLong queued = new AtomicLong();
    private volatile long drainedLines;
    private volatile long durableEnd;
    private volatile @Nullable IOException failure;
    /** The leader waiting for appends to catch up, or null. */
    private volatile @Nullable Thread catchingUp;
    private final AtomicLong forces = new AtomicLong();
    private final long delayNanos;

    private record Waiter(Thread thread, @Nullable Waiter next) {}

    /** An asynchronous append waiting for a force past {@code end}: no thread waits for it, a leader completes it. */
    private record Pending(long end, CompletableFuture<Void> durable) {}

    /** The completions the outermost {@link #completePending} on this thread still has to run. */
    private static final ThreadLocal<@Nullable ArrayDeque<Runnable>> COMPLETING = new ThreadLocal<>();

    /** The asynchronous appends not yet covered by a force. */
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** Whether the force thread is asked to look at the asynchronous appends. */
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** The force thread, started by the first asynchronous append. */
    private @Nullable ExecutorService flusher;

    /** Forces every byte written so far to disk. */
    interface Force {
        void force() throws IOException;
    }

    /** Writes the queued lines. */
    interface Drain {
        /** Writes every line queued so far and returns the end of the bytes written. */
        long drain() throws IOException;
    }

    /**
     * @param drain writes the queued lines (called by the leader before each force)
     * @param durableEnd the end of the bytes already durable when the ledger opened
     */
    GroupCommit(Force force, Drain drain, long durableEnd) {
        this(force, drain, durableEnd, 0);
    }

    /**
     * @param delayNanos how long a leader may wait for the lines of the other appends in progress (0: never)
     */
    GroupCommit(Force force, Drain drain, long durableEnd, long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("a group-commit delay must not be negative, was " + delayNanos + " ns");
        }
        this.force = force;
        this.drain = drain;
        this.durableEnd = durableEnd;
        this.delayNanos = delayNanos;
    }

    /**
     * An append begins: it will prepare its record and queue its line ({@link #queued()}), wait for a force
     * ({@link #awaitDurable}), and call {@link #end()} when it returns or fails.
     */
    void begin() {
        inside.incrementAndGet();
    }

    /** An append has queued its line; called at most once for each {@link #begin()}. */
    void queued() {
        queued.incrementAndGet();
        wakeLeaderIfCaughtUp();
    }

    /** An append returns or fails; called once for each {@link #begin()}. */
    void end() {
        inside.decrementAndGet();
        wakeLeaderIfCaughtUp();
    }

    /** Whether every append in progress has a line queued and not yet taken to be written. */
    private boolean caughtUp() {
        return queued.get() - drainedLines >= inside.get();
    }

    private void wakeLeaderIfCaughtUp() {
        Thread leader = catchingUp; // published by the leader before it looks: one of the two sees the other
        if (leader != null && caughtUp()) {
            LockSupport.unpark(leader);
        }
    }

    /**
     * Returns once every byte before {@code end} is forced to disk.
     *
     * @throws IOException if a force failed (this one or an earlier one: nothing after it is acknowledged), or the
     *     thread was interrupted while it waited (its line is written by a later force; it is not acknowledged)
     */
    void awaitDurable(long end) throws IOException {
        if (VirtualThreads.current()) {
            awaitForceThread(end);
            return;
        }
        Thread me = Thread.currentThread();
        while (true) {
            IOException failed = failure;
            if (failed != null) {
                throw new IOException("an earlier force of the ledger file failed", failed);
            }
            if (durableEnd >= end) {
                return;
            }
            if (forcing.compareAndSet(false, true)) {
                lead(); // then look again: this force covered the line, or failed
                leadForPending(); // asynchronous appends left uncovered have no thread of their own to lead
                continue;
            }
            Waiter top;
            do {
                top = waiters.get();
            } while (!waiters.compareAndSet(top, new Waiter(me, top)));
            // looked at again after joining the waiters: a leader that took them before this one joined wakes no one,
            // but it had already ended its force (a stale entry left behind only costs a spurious unpark later)
            if (failure == null && durableEnd < end && forcing.get()) {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                me.interrupt();
                throw new InterruptedIOException("interrupted while waiting for the ledger file to be forced");
            }
        }
    }

    /**
     * Returns once every byte before {@code end} is forced, as {@link #awaitDurable} does, but leaves the writing and
     * forcing to the force thread that serves asynchronous appends ({@link #durable}) instead of leading a force on
     * this thread. {@link #awaitDurable} does this on a virtual thread: a virtual thread that leads holds its carrier
     * thread in the write and the force (the JDK may lend the scheduler another carrier meanwhile) and then wakes
     * the others itself, while with two carriers the runs still working wait for it; the force thread is a platform
     * thread of the ledger's own. Waiting parks the virtual thread and does not pin its carrier.
     *
     * @throws IOException as {@link #awaitDurable} does: a force failed, or the thread was interrupted while it waited
     *     (its line is written by a later force; it is not acknowledged)
     */
    void awaitForceThread(long end) throws IOException {
        CompletableFuture<Void> durable = durable(end);
        try {
            durable.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the ledger file to be forced");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    /**
     * Returns a future that completes once every byte before {@code end} is forced to disk, without waiting for it
     * here. The force that covers it is led by a thread that forces anyway (an appender waiting in {@link
     * #awaitDurable}) or by the ledger's force thread ({@code arbiter-ledger-force}, one daemon thread started by the
     * first asynchronous append): it forces, completes every asynchronous append the force covered (their dependents
     * run on it), and forces again while asynchronous appends are left uncovered and no other thread leads. So the
     * appending thread never waits for the disk. A failed force completes every waiting future exceptionally, and
     * every later one.
     */
    CompletableFuture<Void> durable(long end) {
        IOException failed = failure;
        if (failed != null) {
            return CompletableFuture.failedFuture(new IOException("an earlier force of the ledger file failed", failed));
        }
        if (durableEnd >= end) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        pending.add(new Pending(end, f));
        requestFlush();
        return f;
    }

    /** Has the ledger's force thread lead forces for the asynchronous appends, unless it is already asked to. */
    private void requestFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                flusher().execute(this::flush);
            } catch (RejectedExecutionException e) { // the ledger is closing: this thread forces (and fails) itself
                flushScheduled.set(false);
                leadForPending();
            }
        }
    }

    /**
     * On the force thread: leads forces while asynchronous appends wait and no other thread leads. When another
     * thread leads, that leader looks at the waiting appends after its force. Otherwise it looks again after letting
     * go of the request: an append that queued meanwhile saw the request standing and did not ask again.
     */
    private void flush() {
        boolean again = true;
        while (again) {
            boolean handedOver = true;
            try {
                handedOver = !leadForPending();
            } finally {
                flushScheduled.set(false);
            }
            again = !handedOver && !pending.isEmpty() && flushScheduled.compareAndSet(false, true);
        }
    }

    private synchronized Executor flusher() {
        ExecutorService f = flusher;
        if (f == null) {
            f = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "arbiter-ledger-force");
                t.setDaemon(true);
                return t;
            });
            flusher = f;
        }
        return f;
    }

    /** Lets the force thread finish what it was asked (a closed file fails those appends), then stops it. */
    synchronized void close() {
        if (flusher != null) {
            flusher.shutdown();
        }
    }

    /**
     * Leads forces on this thread while asynchronous appends wait for one and no other thread leads; returns false
     * when it stopped because another thread leads. A leader that ends its force looks at the waiting appends after
     * it has let go of the lead, and the force thread queues nothing itself but looks after the appends have queued
     * theirs, so one of the two always sees the other: none is left without a force.
     */
    private boolean leadForPending() {
        while (true) {
            completePending(); // those an earlier force covered (or a failure ended) need no force
            if (pending.isEmpty() || failure != null) {
                return true;
            }
            if (!forcing.compareAndSet(false, true)) {
                return false; // another thread leads: it looks at the waiting appends when its force ends
            }
            try {
                lead();
            } catch (IOException e) {
                // lead() has recorded the failure; the next turn fails every waiting future
            }
        }
    }

    /**
     * Completes the asynchronous appends the forces so far have covered; all of them, exceptionally, after a failure.
     * Their dependents run here, and may append and lead a force themselves: a completion reached again on the same
     * thread only queues what it found for the outermost one to complete, so the stack does not grow with them.
     */
    private void completePending() {
        IOException failed = failure;
        long durable = durableEnd;
        ArrayDeque<Runnable> found = new ArrayDeque<>();
        for (Pending p : pending) {
            if (failed == null && p.end() > durable) {
                continue;
            }
            if (pending.remove(p)) { // one completer per append, though leaders may overlap here
                found.add(failed == null ? () -> p.durable().complete(null)
                        : () -> p.durable().completeExceptionally(new IOException("a force of the ledger file failed",
                                failed)));
            }
        }
        ArrayDeque<Runnable> outer = COMPLETING.get();
        if (outer != null) {
            outer.addAll(found);
            return;
        }
        COMPLETING.set(found);
        try {
            for (Runnable completion = found.poll(); completion != null; completion = found.poll()) {
                completion.run();
            }
        } finally {
            COMPLETING.remove();
        }
    }

    private void lead() throws IOException {
        boolean interrupted = catchUp();
        try {
            drainedLines = queued.get(); // read before the drain: the lines it writes are at least these
            long upTo = drain.drain();
            force.force();
            if (upTo > durableEnd) {
                durableEnd = upTo;
            }
            forces.incrementAndGet();
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            forcing.set(false);
            for (Waiter w = waiters.getAndSet(null); w != null; w = w.next()) {
                LockSupport.unpark(w.thread()); // each looks again: durable, failed, or the next leader
            }
            completePending(); // after letting go of the lead: their dependents may append and lead themselves
            if (interrupted) {
                Thread.currentThread().interrupt(); // set again once the force is done
            }
        }
    }

    /**
     * With a delay: waits until every append in progress has a line queued and not yet written, or the delay ends.
     * An interrupt ends the wait and is returned, not thrown: it is set again once the force is done (an interrupted
     * force through an interruptible channel would close it).
     *
     * @return whether the thread was interrupted while waiting
     */
    private boolean catchUp() {
        if (delayNanos == 0 || caughtUp()) {
            return false;
        }
        catchingUp = Thread.currentThread();
        long deadline = System.nanoTime() + delayNanos;
        try {
            while (!caughtUp()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    return true;
                }
            }
            return false;
        } finally {
            catchingUp = null;
        }
    }

    /** Returns how many forces ran. */
    long forces() {
        return forces.get();
    }
}
