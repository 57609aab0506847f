package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The appends of one JDBC ledger, in the order they were asked for, written by one writer at a time, as many as are
 * waiting (at most {@value #MAX_BATCH}) in one transaction. {@code append} and {@code appendAsync} both queue here, so
 * an entry appended after another, asynchronously or not, comes after it in the chain, and no caller's thread waits
 * for the database when it appends asynchronously. Thread-safe.
 */
final class JdbcAppends {

    /** The most entries written in one transaction. */
    static final int MAX_BATCH = 512;

    /** Writes entries as the next records of the chain, in one transaction; see {@link JdbcLedger#appendBatch}. */
    @FunctionalInterface
    interface Writer {
        /**
         * Returns, per entry in order, its record or what failed it alone (a signer that threw); throws when the
         * transaction failed, and then none was stored.
         */
        List<Object> write(List<ProvenanceEntry> entries);
    }

    private record Pending(ProvenanceEntry entry, CompletableFuture<ProvenanceRecord> done) {}

    private final Writer writer;
    private final Executor executor;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Whether a drain is scheduled or running; guarded by {@code this}. */
    private boolean draining;
    /** The latest append asked for: appends end in the order they were asked for. Guarded by {@code this}. */
    private @Nullable CompletableFuture<ProvenanceRecord> latest;

    JdbcAppends(Writer writer, Executor executor) {
        this.writer = writer;
        this.executor = executor;
    }

    /** Queues the entry; the future completes once its record is committed, or fails with why it was not. */
    CompletableFuture<ProvenanceRecord> submit(ProvenanceEntry entry) {
        CompletableFuture<ProvenanceRecord> done = new CompletableFuture<>();
        boolean start;
        synchronized (this) {
            queue.add(new Pending(entry, done));
            latest = done;
            start = !draining;
            draining = true;
        }
        if (start) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) { // the executor refused: nothing will write what is queued
                failQueued(e);
            }
        }
        return done;
    }

    /** Waits until every append asked for so far is written or failed: they end in order, so the latest does last. */
    void awaitIdle() {
        CompletableFuture<ProvenanceRecord> last;
        synchronized (this) {
            last = latest;
        }
        if (last != null) {
            last.handle((r, e) -> null).join();
        }
    }

    private void drain() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (this) {
                while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                    batch.add(queue.poll());
                }
                if (batch.isEmpty()) {
                    draining = false;
                    return;
                }
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        List<ProvenanceEntry> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            entries.add(p.entry());
        }
        List<Object> results;
        try {
            results = writer.write(entries);
        } catch (RuntimeException | Error e) {
            for (Pending p : batch) {
                p.done().completeExceptionally(e);
            }
            if (e instanceof Error error) {
                failQueued(error);
                throw error;
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object r = results.get(i);
            if (r instanceof ProvenanceRecord record) {
                batch.get(i).done().complete(record);
            } else {
                batch.get(i).done().completeExceptionally((Throwable) r);
            }
        }
    }

    private void failQueued(Throwable e) {
        List<Pending> failed;
        synchronized (this) {
            failed = new ArrayList<>(queue);
            queue.clear();
            draining = false;
        }
        for (Pending p : failed) {
            p.done().completeExceptionally(e);
        }
    }
}
