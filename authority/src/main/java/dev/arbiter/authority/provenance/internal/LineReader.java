package dev.arbiter.authority.provenance.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads the lines of a file region [start, limit) with positional reads, keeping each line's byte offset and whether
 * it ended with a line feed. Not thread-safe; positional reads leave the channel's position alone, so several
 * readers may share a channel.
 */
public final class LineReader implements Iterator<LineReader.RawLine> {

    /** One line: where it starts, its 1-based number within the region, its bytes without the line feed, whether it had one. */
    public record RawLine(long offset, long number, byte[] bytes, boolean terminated) {
        /** Returns the line decoded as UTF-8 (invalid bytes become U+FFFD, so the hash no longer matches). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final FileChannel channel;
    private final long limit;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private long filePosition;
    private long lineStart;
    private long lineNumber;
    private byte[] line = new byte[1024];
    private int lineLength;
    private @Nullable RawLine next;
    private boolean done;

    /** Returns a reader of the channel's bytes from {@code start} (a line start) to {@code limit}. */
    public LineReader(FileChannel channel, long start, long limit) {
        this.channel = channel;
        this.filePosition = start;
        this.limit = limit;
        buffer.limit(0);
    }

    /** Returns the lines of the region as a stream; closing the stream runs {@code onClose}. */
    public static Stream<RawLine> stream(FileChannel channel, long start, long limit, Runnable onClose) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new LineReader(channel, start, limit),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(onClose);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = readLine();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public RawLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawLine l = next;
        next = null;
        return l;
    }

    private @Nullable RawLine readLine() {
        lineLength = 0;
        lineStart = filePosition - buffer.remaining();
        while (fill()) {
            byte b = buffer.get();
            if (b == '\n') {
                return new RawLine(lineStart, ++lineNumber, Arrays.copyOf(line, lineLength), true);
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
        return lineLength == 0 ? null : new RawLine(lineStart, ++lineNumber, Arrays.copyOf(line, lineLength), false);
    }

    private boolean fill() {
        if (buffer.hasRemaining()) {
            return true;
        }
        if (filePosition >= limit) {
            return false;
        }
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), limit - filePosition));
        try {
            int n = channel.read(buffer, filePosition);
            if (n <= 0) {
                buffer.limit(0);
                return false;
            }
            filePosition += n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger file", e);
        }
        buffer.flip();
        return true;
    }
}
