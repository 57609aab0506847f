package dev.arbiter.workflow.internal;

import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointLog;
import dev.arbiter.workflow.internal.CheckpointLines.Id;
import dev.arbiter.workflow.internal.CheckpointSegments.At;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CheckpointLog}: segment files ({@link CheckpointSegments}) of lines ({@link CheckpointLines}), an index
 * in memory from a 128-bit digest of (run id, key) to where its line is, and one writer thread ({@code
 * arbiter-checkpoint-log-N}) that writes every queued line in one write and forces once. A segment is closed for
 * writing past {@value #SEGMENT_BYTES} bytes, or a day after it began, and a new one begins;
 * {@link #forgetSegmentsBefore} deletes closed segments.
 */
public final class LogCheckpointStore implements CheckpointLog {

    private static final Logger LOG = LoggerFactory.getLogger(LogCheckpointStore.class);

    /** A segment's size past which the next write goes to a new segment. */
    static final long SEGMENT_BYTES = 64L << 20;

    /** A segment's age past which the next write goes to a new segment. */
    static final Duration SEGMENT_AGE = Duration.ofDays(1);

    private static final AtomicInteger WRITERS = new AtomicInteger();
    /** Queued by {@link #close}: the writer stops once every save queued before it is written. */
    private static final Slot STOP = new Slot(null, null, null);

    private final Path directory;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final CheckpointSegments segments;
    /** Values: {@link Slot} while a save is queued or being forced, {@link At} once it is stored. */
    private final ConcurrentHashMap<Id, Object> index = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Slot> queue = new LinkedBlockingQueue<>();
    private final Object queueLock = new Object();
    private final AtomicLong stored = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private volatile Throwable failure;

    /** A save on its way to the disk. */
    private static final class Slot {
        final Id id;
        final Checkpoint checkpoint;
        final byte[] line;
        final CompletableFuture<Void> durable = new CompletableFuture<>();
        volatile At at; // set before durable completes

        Slot(Id id, Checkpoint checkpoint, byte[] line) {
            this.id = id;
            this.checkpoint = checkpoint;
            this.line = line;
        }
    }

    /** Opens the log in {@code directory}; see {@link dev.arbiter.workflow.CheckpointStore#log}. */
    public static LogCheckpointStore open(Path directory) {
        return new LogCheckpointStore(directory, SEGMENT_BYTES, SEGMENT_AGE);
    }

    LogCheckpointStore(Path directory, long segmentBytes, Duration segmentAge) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (segmentBytes < 1 || segmentAge.isNegative() || segmentAge.isZero()) {
            throw new IllegalArgumentException("a segment's size and age must be positive, not " + segmentBytes
                    + " bytes and " + segmentAge);
        }
        FileChannel held = null;
        FileLock acquired = null;
        try {
            Files.createDirectories(directory);
            held = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                acquired = held.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                throw new IllegalStateException("the checkpoint log in " + directory
                        + " is open in another store, in this JVM or another; close it first");
            }
            LongAdder skipped = new LongAdder();
            segments = new CheckpointSegments(directory, segmentBytes, segmentAge, (text, at) -> index(text, at,
                    skipped));
            if (skipped.sum() > 0) {
                LOG.warn("skipped {} unreadable checkpoint lines in {}: their steps run again", skipped.sum(),
                        directory);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(acquired, held);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("cannot open the checkpoint log in " + directory, (IOException) e);
        }
        this.lockFile = held;
        this.lock = acquired;
        this.writer = new Thread(this::writeLoop, "arbiter-checkpoint-log-" + WRITERS.incrementAndGet());
        writer.setDaemon(true);
        writer.start();
    }

    /** Indexes a line read when the log opens; the first line of a run and key wins. */
    private void index(byte[] text, At at, LongAdder skipped) {
        Id id = CheckpointLines.indexKey(text);
        if (id == null) {
            skipped.increment();
            LOG.warn("skipping an unreadable checkpoint line at {} of {}", at.offset(),
                    CheckpointSegments.path(directory, at.segment()));
        } else if (index.putIfAbsent(id, at) == null) {
            stored.incrementAndGet();
        }
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public long size() {
        return stored.get();
    }

    @Override
    public Optional<Checkpoint> load(String runId, String key) {
        return load(CheckpointLines.id(Objects.requireNonNull(runId, "runId"), Objects.requireNonNull(key, "key")),
                runId, key);
    }

    private Optional<Checkpoint> load(Id id, String runId, String key) {
        open();
        Object value = index.get(id);
        if (value instanceof Slot slot) {
            try {
                slot.durable.join(); // a save still on its way: the step completed once it is stored
            } catch (CompletionException | CancellationException failed) {
                return Optional.empty(); // it was not stored
            }
            value = slot.at;
        }
        if (!(value instanceof At at)) {
            return Optional.empty();
        }
        byte[] line;
        try {
            line = segments.read(at);
        } catch (UncheckedIOException e) {
            open(); // closed while it was read
            throw e;
        }
        if (line == null) {
            return Optional.empty(); // forgotten since it was looked up
        }
        Checkpoint c = CheckpointLines.parse(line);
        if (c == null) {
            throw new IllegalStateException("checkpoint line at " + at.offset() + " of " + segments.path(at.segment())
                    + " is no longer readable (its CRC or its JSON): the file was changed under the log");
        }
        return c.runId().equals(runId) && c.key().equals(key) ? Optional.of(c) : Optional.empty();
    }

    /**
     * As {@link #load}, from the index at once; a checkpoint whose save is still on its way completes the future once
     * its force does (on the writer thread), instead of waiting on the caller.
     */
    @Override
    public CompletableFuture<Optional<Checkpoint>> loadAsync(String runId, String key) {
        try {
            Id id = CheckpointLines.id(Objects.requireNonNull(runId, "runId"), Objects.requireNonNull(key, "key"));
            if (index.get(id) instanceof Slot slot && !slot.durable.isDone()) {
                return slot.durable.handle((stored, failed) -> null).thenApply(known -> load(id, runId, key));
            }
            return CompletableFuture.completedFuture(load(id, runId, key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        try {
            saveAsync(checkpoint).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Queues the checkpoint's line for the writer; the future completes once a force covers it. */
    @Override
    public CompletableFuture<Void> saveAsync(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Id id = CheckpointLines.id(checkpoint.runId(), checkpoint.key());
        Slot slot = new Slot(id, checkpoint, CheckpointLines.line(checkpoint));
        Object prior;
        synchronized (queueLock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the checkpoint log in " + directory
                        + " is closed"));
            }
            Throwable failed = failure;
            if (failed != null) {
                return CompletableFuture.failedFuture(notSaved(checkpoint, failed));
            }
            prior = index.putIfAbsent(id, slot);
            if (prior == null) {
                queue.add(slot);
                return slot.durable.copy();
            }
        }
        // the first save of this run and key wins; this one completes when that one is stored
        return prior instanceof Slot first ? first.durable.copy() : CompletableFuture.completedFuture(null);
    }

    @Override
    public long forgetSegmentsBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        open();
        Set<Integer> old = segments.closedBefore(cutoff);
        if (old.isEmpty()) {
            return 0;
        }
        long forgotten = 0; // first out of the index, so that a load finds nothing rather than a closed file
        for (Iterator<Object> it = index.values().iterator(); it.hasNext(); ) {
            if (it.next() instanceof At at && old.contains(at.segment())) {
                it.remove();
                forgotten++;
            }
        }
        stored.addAndGet(-forgotten);
        segments.delete(old);
        return forgotten;
    }

    @Override
    public void close() {
        synchronized (queueLock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // the saves already made are forced before the files close
            }
        }
        segments.close();
        closeQuietly(lock, lockFile);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "CheckpointLog[" + directory + ", " + stored.get() + " checkpoints]";
    }

    private void writeLoop() {
        List<Slot> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close stops the writer, once every queued save is written
            }
            queue.drainTo(batch);
            boolean stop = batch.remove(STOP); // last: nothing is queued after it
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Writes the batch's lines in one write, forces once, then completes each save. */
    private void commit(List<Slot> batch) {
        Throwable failed = failure;
        if (failed == null) {
            try {
                write(batch);
                for (Slot s : batch) {
                    index.replace(s.id, s, s.at);
                    stored.incrementAndGet();
                    s.durable.complete(null);
                }
                return;
            } catch (Throwable e) { // an Error too: no save may wait forever
                failure = e;
                failed = e;
                LOG.error("cannot write to the checkpoint log in {}; it accepts no more saves", directory, e);
            }
        }
        for (Slot s : batch) {
            index.remove(s.id, s);
            s.durable.completeExceptionally(notSaved(s.checkpoint, failed));
        }
    }

    /** Places each line of the batch, then writes and forces them. */
    private void write(List<Slot> batch) throws IOException {
        long bytes = 0;
        for (Slot s : batch) {
            bytes += s.line.length;
        }
        long now = System.currentTimeMillis();
        long position = segments.startOf(bytes, now);
        int segment = segments.current();
        ByteBuffer[] buffers = new ByteBuffer[batch.size()];
        for (int i = 0; i < buffers.length; i++) {
            Slot s = batch.get(i);
            buffers[i] = ByteBuffer.wrap(s.line);
            s.at = new At(segment, s.line.length - 1, position);
            position += s.line.length;
        }
        segments.append(buffers, bytes, now);
    }

    private UncheckedIOException notSaved(Checkpoint c, Throwable cause) {
        IOException io = cause instanceof IOException e ? e : new IOException(cause);
        return new UncheckedIOException("cannot save checkpoint " + c.key() + " of run " + c.runId()
                + " in the checkpoint log in " + directory + "; after a failed write it accepts no more saves", io);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the checkpoint log in " + directory + " is closed");
        }
    }

    private static void closeQuietly(FileLock lock, FileChannel ch) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            LOG.warn("cannot close a checkpoint log file", e);
        }
    }
}
