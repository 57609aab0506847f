package dev.arbiter.authority.provenance.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Group commit: appenders that have queued their line wait until a force covers it; one of them (the leader)
 * writes every line queued so far in one write, forces the file, then wakes the others. While a force runs, new
 * lines pile up and the next leader writes and forces them all at once, so N concurrent appenders share far fewer
 * than N writes and forces. Waiting uses a {@link ReentrantLock} and its {@link Condition}, not a monitor, so an
 * appender on a virtual thread that waits for the force does not pin its carrier thread (Java 21 to 23). Thread-safe.
 */
final class GroupCommit {

    private final FileChannel channel;
    private final Drain drain;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private long durableEnd;
    private boolean forcing;
    private @Nullable IOException failure;
    private long forces;

    /** Writes the queued lines. */
    interface Drain {
        /** Writes every line queued so far and returns the end of the bytes written. */
        long drain() throws IOException;
    }

    /**
     * @param drain writes the queued lines (called by the leader before each force)
     * @param durableEnd the end of the bytes already durable when the ledger opened
     */
    GroupCommit(FileChannel channel, Drain drain, long durableEnd) {
        this.channel = channel;
        this.drain = drain;
        this.durableEnd = durableEnd;
    }

    /**
     * Returns once every byte before {@code end} is forced to disk.
     *
     * @throws IOException if a force failed (this one or an earlier one: nothing after it is acknowledged)
     */
    void awaitDurable(long end) throws IOException {
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw new IOException("an earlier force of the ledger file failed", failure);
                }
                if (durableEnd >= end) {
                    return;
                }
                if (!forcing) {
                    forcing = true;
                    break;
                }
                try {
                    settled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the ledger file to be forced");
                }
            }
        } finally {
            lock.unlock();
        }
        lead();
    }

    private void lead() throws IOException {
        long upTo;
        try {
            upTo = drain.drain();
            channel.force(true);
        } catch (IOException e) {
            lock.lock();
            try {
                failure = e;
                forcing = false;
                settled.signalAll();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            durableEnd = Math.max(durableEnd, upTo);
            forcing = false;
            forces++;
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many forces ran. */
    long forces() {
        lock.lock();
        try {
            return forces;
        } finally {
            lock.unlock();
        }
    }
}
