package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CheckpointLog}: segment files {@code checkpoints-NNNNNN.log} of lines {@code CRC32C-hex SP json LF},
 * an index in memory from a 128-bit digest of (run id, key) to where its line is, and one writer thread ({@code
 * arbiter-checkpoint-log-N}) that writes every queued line in one write and forces once. A segment is closed for
 * writing past {@value #SEGMENT_BYTES} bytes, or a day after it began, and a new one begins (its directory entry
 * forced); {@link #forgetSegmentsBefore} deletes closed segments.
 */
public final class LogCheckpointStore implements CheckpointLog {

    private static final Logger LOG = LoggerFactory.getLogger(LogCheckpointStore.class);

    /** A segment's size past which the next write goes to a new segment. */
    static final long SEGMENT_BYTES = 64L << 20;

    /** A segment's age past which the next write goes to a new segment. */
    static final Duration SEGMENT_AGE = Duration.ofDays(1);

    private static final JsonFactory JSON = new JsonFactory();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Pattern SEGMENT = Pattern.compile("checkpoints-(\\d{6,})\\.log");
    private static final AtomicInteger WRITERS = new AtomicInteger();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });
    /** Queued by {@link #close}: the writer stops once every save queued before it is written. */
    private static final Slot STOP = new Slot(null, null, null);

    private final Path directory;
    private final long segmentBytes;
    private final long segmentMillis;
    /** When each segment was last written to (milliseconds since the epoch). */
    private final Map<Integer, Long> lastWrite = new ConcurrentHashMap<>();
    private final FileChannel lockFile;
    private final FileLock lock;
    /** Values: {@link Slot} while a save is queued or being forced, {@link At} once it is stored. */
    private final ConcurrentHashMap<Id, Object> index = new ConcurrentHashMap<>();
    private final Map<Integer, FileChannel> segments = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Slot> queue = new LinkedBlockingQueue<>();
    private final Object queueLock = new Object();
    private final AtomicLong stored = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private volatile Throwable failure;

    /** The segment being written, for threads other than the writer. */
    private volatile int writing;

    // the writer thread's own (and the constructor's, before it starts)
    private long begun; // when the current segment began, or the log was opened
    private int current;
    private FileChannel out;
    private long end;

    /** Where a stored checkpoint's line is (without its line feed). */
    private record At(int segment, int length, long offset) {}

    /** The first 128 bits of SHA-256 over (run id, key). */
    private record Id(long high, long low) {}

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
        this.segmentBytes = segmentBytes;
        this.segmentMillis = segmentAge.toMillis();
        this.begun = System.currentTimeMillis();
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
            recover();
        } catch (IOException | RuntimeException e) {
            for (FileChannel ch : segments.values()) {
                closeQuietly(null, ch);
            }
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
        Id id = id(Objects.requireNonNull(runId, "runId"), Objects.requireNonNull(key, "key"));
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
        byte[] line = read(at);
        if (line == null) {
            return Optional.empty();
        }
        Checkpoint c = parse(line);
        if (c == null) {
            throw new IllegalStateException("checkpoint line at " + at.offset() + " of " + segment(at.segment())
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
            Object value = index.get(id(Objects.requireNonNull(runId, "runId"), Objects.requireNonNull(key, "key")));
            if (value instanceof Slot slot && !slot.durable.isDone()) {
                return slot.durable.handle((stored, failed) -> null).thenApply(known -> load(runId, key));
            }
            return CompletableFuture.completedFuture(load(runId, key));
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
        Id id = id(checkpoint.runId(), checkpoint.key());
        Slot slot = new Slot(id, checkpoint, line(checkpoint));
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
        Set<Integer> old = new HashSet<>();
        int kept = writing;
        lastWrite.forEach((segment, written) -> {
            if (segment != kept && written < cutoff.toEpochMilli()) {
                old.add(segment);
            }
        });
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
        for (int segment : old) {
            lastWrite.remove(segment);
            closeQuietly(null, segments.remove(segment));
            try {
                Files.deleteIfExists(segment(segment));
            } catch (IOException x) {
                throw new UncheckedIOException("cannot delete checkpoint segment " + segment(segment), x);
            }
        }
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
        for (FileChannel ch : segments.values()) {
            closeQuietly(null, ch);
        }
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
                long bytes = 0;
                for (Slot s : batch) {
                    bytes += s.line.length;
                }
                long now = System.currentTimeMillis();
                if (end > 0 && (end + bytes > segmentBytes || now - begun >= segmentMillis)) {
                    roll();
                }
                ByteBuffer[] buffers = new ByteBuffer[batch.size()];
                long position = end;
                for (int i = 0; i < buffers.length; i++) {
                    Slot s = batch.get(i);
                    buffers[i] = ByteBuffer.wrap(s.line);
                    s.at = new At(current, s.line.length - 1, position);
                    position += s.line.length;
                }
                long written = 0;
                while (written < bytes) {
                    written += out.write(buffers);
                }
                out.force(false); // the data and the file's size
                end = position;
                lastWrite.put(current, now);
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

    private UncheckedIOException notSaved(Checkpoint c, Throwable cause) {
        IOException io = cause instanceof IOException e ? e : new IOException(cause);
        return new UncheckedIOException("cannot save checkpoint " + c.key() + " of run " + c.runId()
                + " in the checkpoint log in " + directory + "; after a failed write it accepts no more saves", io);
    }

    /** Starts the next segment and makes its directory entry durable. */
    private void roll() throws IOException {
        int next = current + 1;
        FileChannel ch = FileChannel.open(segment(next), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        segments.put(next, ch);
        forceDirectory();
        current = next;
        writing = next;
        out = ch;
        end = 0;
        begun = System.currentTimeMillis();
        lastWrite.put(next, begun);
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
                throw e; // Windows cannot open a directory; elsewhere this is a real failure
            }
        }
    }

    /** Reads every segment into the index; cuts off a last line without its end; opens the last for writing. */
    private void recover() throws IOException {
        TreeMap<Integer, Path> found = new TreeMap<>();
        try (var files = Files.list(directory)) {
            files.forEach(f -> {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.put(Integer.parseInt(m.group(1)), f);
                }
            });
        }
        long skipped = 0;
        for (Map.Entry<Integer, Path> e : found.entrySet()) {
            FileChannel ch = FileChannel.open(e.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            segments.put(e.getKey(), ch);
            long[] scan = scan(e.getKey(), ch);
            skipped += scan[1];
            current = e.getKey();
            writing = current;
            out = ch;
            end = scan[0];
            lastWrite.put(current, Files.getLastModifiedTime(e.getValue()).toMillis());
            if (ch.size() > end) {
                LOG.warn("cutting off {} bytes of an unfinished line at the end of {}", ch.size() - end,
                        e.getValue());
                ch.truncate(end);
                ch.force(true);
            }
        }
        if (found.isEmpty()) {
            roll();
        } else {
            out.position(end);
        }
        if (skipped > 0) {
            LOG.warn("skipped {} unreadable checkpoint lines in {}: their steps run again", skipped, directory);
        }
    }

    /** Indexes one segment's lines; returns {end of its last complete line, lines skipped}. */
    private long[] scan(int segment, FileChannel ch) throws IOException {
        long lineStart = 0;
        long skipped = 0;
        long position = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        int n;
        while ((n = ch.read(chunk.clear(), position)) > 0) {
            byte[] bytes = chunk.array();
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                line.write(bytes, from, i - from);
                from = i + 1;
                byte[] text = line.toByteArray();
                line.reset();
                if (text.length > 0) {
                    Id id = indexKey(text);
                    if (id == null) {
                        skipped++;
                        LOG.warn("skipping an unreadable checkpoint line at {} of {}", lineStart, segment(segment));
                    } else if (index.putIfAbsent(id, new At(segment, text.length, lineStart)) == null) {
                        stored.incrementAndGet(); // a later line of the same run and key lost to the first
                    }
                }
                lineStart = position + i + 1;
            }
            line.write(bytes, from, n - from);
            position += n;
        }
        return new long[] {lineStart, skipped};
    }

    private byte[] read(At at) {
        FileChannel ch = segments.get(at.segment());
        if (ch == null) {
            return null; // forgotten since it was looked up
        }
        ByteBuffer buffer = ByteBuffer.allocate(at.length());
        try {
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, at.offset() + buffer.position()) < 0) {
                    throw new IllegalStateException("checkpoint segment " + segment(at.segment())
                            + " ends before the line at " + at.offset() + ": the file was cut under the log");
                }
            }
        } catch (ClosedChannelException forgotten) {
            open(); // closed while it was read
            if (segments.containsKey(at.segment())) {
                throw new UncheckedIOException("cannot read a checkpoint from " + segment(at.segment()), forgotten);
            }
            return null; // forgotten while it was read
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a checkpoint from " + segment(at.segment()), e);
        }
        return buffer.array();
    }

    /** {@code crc SP json LF}: the CRC-32C of the JSON's bytes, as 8 hex digits. */
    static byte[] line(Checkpoint c) {
        byte[] json = CheckpointJson.utf8(c, 9); // the JSON after room for the CRC; the line feed added below
        byte[] line = Arrays.copyOf(json, json.length + 1);
        CRC32C crc = new CRC32C();
        crc.update(line, 9, json.length - 9);
        long value = crc.getValue();
        for (int i = 7; i >= 0; i--, value >>>= 4) {
            line[i] = (byte) HEX[(int) (value & 0xf)];
        }
        line[8] = ' ';
        line[line.length - 1] = '\n';
        return line;
    }

    /** Whether a line without its line feed has the form {@code crc SP json} and its CRC holds. */
    private static boolean crcHolds(byte[] line) {
        if (line.length < 10 || line[8] != ' ') {
            return false;
        }
        long claimed;
        try {
            claimed = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(line, 9, line.length - 9);
        return crc.getValue() == claimed;
    }

    /**
     * The index key of a line whose CRC holds, read from its {@code runId} and {@code key} members alone (opening
     * reads every line, and need not parse the artifacts); {@code null} if the line is unreadable.
     */
    private static Id indexKey(byte[] line) {
        if (!crcHolds(line)) {
            return null;
        }
        String runId = null;
        String key = null;
        try (JsonParser p = JSON.createParser(line, 9, line.length - 9)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME && (runId == null || key == null)) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("runId".equals(name) && value == JsonToken.VALUE_STRING) {
                    runId = p.getText();
                } else if ("key".equals(name) && value == JsonToken.VALUE_STRING) {
                    key = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return runId == null || key == null ? null : id(runId, key);
    }

    /** The checkpoint of a line without its line feed; {@code null} if its CRC or JSON does not hold. */
    private static Checkpoint parse(byte[] line) {
        if (!crcHolds(line)) {
            return null;
        }
        try {
            return CheckpointJson.read(new String(line, 9, line.length - 9, StandardCharsets.UTF_8));
        } catch (IllegalStateException unreadable) {
            return null;
        }
    }

    private static Id id(String runId, String key) {
        MessageDigest sha = SHA256.get();
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(0, run.length));
        sha.update(run);
        sha.update(key.getBytes(StandardCharsets.UTF_8));
        ByteBuffer d = ByteBuffer.wrap(sha.digest());
        return new Id(d.getLong(), d.getLong());
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the checkpoint log in " + directory + " is closed");
        }
    }

    private Path segment(int n) {
        return directory.resolve(String.format(Locale.ROOT, "checkpoints-%06d.log", n));
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
