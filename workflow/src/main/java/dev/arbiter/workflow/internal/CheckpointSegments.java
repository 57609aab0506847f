package dev.arbiter.workflow.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint log's segment files, {@code checkpoints-NNNNNN.log} in its directory. Any thread reads; only the
 * log's writer thread appends and begins segments. A segment is closed for writing past its size, or its age after
 * it began, and the next one begins (its directory entry forced).
 */
final class CheckpointSegments {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSegments.class);
    private static final Pattern SEGMENT = Pattern.compile("checkpoints-(\\d{6,})\\.log");

    /** Where a stored checkpoint's line is (without its line feed). */
    record At(int segment, int length, long offset) {}

    /** Told each complete, non-empty line found when the segments are opened. */
    interface Reader {
        void line(byte[] text, At at);
    }

    private final Path directory;
    private final long segmentBytes;
    private final long segmentMillis;
    /**
     * A read-only channel per segment, for loads: never the writer's, so that a loading thread's interrupt, which
     * closes the channel it reads from, cannot close the one the log writes through; a closed one is opened again.
     */
    private final Map<Integer, FileChannel> files = new ConcurrentHashMap<>();
    /** When each segment was last written to (milliseconds since the epoch). */
    private final Map<Integer, Long> lastWrite = new ConcurrentHashMap<>();
    /** The segment being written, for threads other than the writer. */
    private volatile int writing;
    /** Set by {@link #close()}: no read channel is opened again after it. */
    private volatile boolean closed;

    // the writer thread's own (and the constructor's, before the writer starts)
    private long begun; // when the current segment began, or the log was opened
    private int current;
    private @Nullable FileChannel out;
    private long end;

    /**
     * Opens the segments in {@code directory}, tells {@code reader} every line of them in order, cuts off a last line
     * without its end, and opens the last segment for writing (the first, when there is none).
     */
    CheckpointSegments(Path directory, long segmentBytes, Duration segmentAge, Reader reader) throws IOException {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.segmentMillis = segmentAge.toMillis();
        this.begun = System.currentTimeMillis();
        try {
            recover(reader);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Path path(int segment) {
        return path(directory, segment);
    }

    static Path path(Path directory, int segment) {
        return directory.resolve(String.format(Locale.ROOT, "checkpoints-%06d.log", segment));
    }

    /** The segment the next lines go to. */
    int current() {
        return current;
    }

    /**
     * Makes room for lines of {@code bytes} written at {@code now}, in a new segment once the current one is past its
     * size or its age, and returns the offset they will start at in {@link #current()}.
     */
    long startOf(long bytes, long now) throws IOException {
        if (end > 0 && (end + bytes > segmentBytes || now - begun >= segmentMillis)) {
            roll();
        }
        return end;
    }

    /** Writes the lines at the end of the current segment in one write and forces it: its data and its size. */
    void append(ByteBuffer[] lines, long bytes, long now) throws IOException {
        long written = 0;
        while (written < bytes) {
            written += out.write(lines);
        }
        out.force(false);
        end += bytes;
        lastWrite.put(current, now);
    }

    /**
     * A stored line; {@code null} once its segment is deleted. A read whose channel another thread's interrupt closed
     * reads again through a new one; an interrupt of this thread fails this read only.
     */
    byte @Nullable [] read(At at) {
        while (true) {
            FileChannel ch = files.get(at.segment());
            if (ch == null) {
                return null; // deleted since it was looked up
            }
            ByteBuffer buffer = ByteBuffer.allocate(at.length());
            try {
                while (buffer.hasRemaining()) {
                    if (ch.read(buffer, at.offset() + buffer.position()) < 0) {
                        throw new IllegalStateException("checkpoint segment " + path(at.segment())
                                + " ends before the line at " + at.offset() + ": the file was cut under the log");
                    }
                }
                return buffer.array();
            } catch (ClosedByInterruptException interrupted) {
                reopen(at.segment(), ch);
                throw new UncheckedIOException("interrupted while reading a checkpoint from " + path(at.segment()),
                        interrupted);
            } catch (ClosedChannelException e) { // the log closed, the segment deleted, or another reader interrupted
                if (closed) {
                    throw new UncheckedIOException("cannot read a checkpoint from " + path(at.segment())
                            + ": the log is closed", e);
                }
                if (!reopen(at.segment(), ch)) {
                    return null; // deleted while it was read
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a checkpoint from " + path(at.segment()), e);
            }
        }
    }

    /** Replaces a segment's closed read channel with a new one; false if the segment is deleted. */
    private boolean reopen(int segment, FileChannel shut) {
        try {
            return files.computeIfPresent(segment, (k, now) -> now != shut || closed ? now : openRead(k)) != null;
        } catch (UncheckedIOException e) {
            if (!Files.exists(path(segment))) {
                return false;
            }
            throw e;
        }
    }

    private FileChannel openRead(int segment) {
        try {
            return FileChannel.open(path(segment), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open checkpoint segment " + path(segment), e);
        }
    }

    /** The segments, but the one being written, last written before {@code cutoff}. */
    Set<Integer> closedBefore(Instant cutoff) {
        Set<Integer> old = new HashSet<>();
        int kept = writing;
        lastWrite.forEach((segment, written) -> {
            if (segment != kept && written < cutoff.toEpochMilli()) {
                old.add(segment);
            }
        });
        return old;
    }

    /** Closes and deletes the segments (none being written). */
    void delete(Set<Integer> segments) {
        for (int segment : segments) {
            lastWrite.remove(segment);
            closeQuietly(files.remove(segment));
            try {
                Files.deleteIfExists(path(segment));
            } catch (IOException x) {
                throw new UncheckedIOException("cannot delete checkpoint segment " + path(segment), x);
            }
        }
    }

    void close() {
        closed = true;
        for (FileChannel ch : files.values()) {
            closeQuietly(ch);
        }
        closeQuietly(out);
    }

    /** Starts the next segment and makes its directory entry durable. */
    private void roll() throws IOException {
        int next = current + 1;
        FileChannel ch = FileChannel.open(path(next), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            files.put(next, FileChannel.open(path(next), StandardOpenOption.READ));
            forceDirectory();
        } catch (IOException e) {
            closeQuietly(ch);
            throw e;
        }
        FileChannel previous = out;
        current = next;
        writing = next;
        out = ch;
        closeQuietly(previous); // the segment before is read through its read channel from now on
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

    private void recover(Reader reader) throws IOException {
        TreeMap<Integer, Path> found = new TreeMap<>();
        try (var list = Files.list(directory)) {
            list.forEach(f -> {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.put(Integer.parseInt(m.group(1)), f);
                }
            });
        }
        for (Map.Entry<Integer, Path> e : found.entrySet()) {
            FileChannel ch = FileChannel.open(e.getValue(), StandardOpenOption.READ);
            files.put(e.getKey(), ch);
            current = e.getKey();
            writing = current;
            end = scan(e.getKey(), ch, reader);
            lastWrite.put(current, Files.getLastModifiedTime(e.getValue()).toMillis());
            if (ch.size() > end) {
                LOG.warn("cutting off {} bytes of an unfinished line at the end of {}", ch.size() - end,
                        e.getValue());
                try (FileChannel cut = FileChannel.open(e.getValue(), StandardOpenOption.WRITE)) {
                    cut.truncate(end);
                    cut.force(true);
                }
            }
        }
        if (found.isEmpty()) {
            roll();
        } else {
            out = FileChannel.open(path(current), StandardOpenOption.WRITE);
            out.position(end);
        }
    }

    /** Tells {@code reader} one segment's lines; returns the end of its last complete line. */
    private static long scan(int segment, FileChannel ch, Reader reader) throws IOException {
        long lineStart = 0;
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
                    reader.line(text, new At(segment, text.length, lineStart));
                }
                lineStart = position + i + 1;
            }
            line.write(bytes, from, n - from);
            position += n;
        }
        return lineStart;
    }

    private static void closeQuietly(@Nullable FileChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.warn("cannot close a checkpoint segment", e);
        }
    }
}
