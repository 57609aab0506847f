package dev.arbiter.authority.provenance.internal;

import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What a ledger file holds, found in one pass: the byte offset of every complete line, the end of the last
 * complete line, the last complete line itself, and the partial line after it, if any. Not thread-safe.
 */
final class FileScan {

    private long[] offsets = new long[64];
    private int count;
    private long completeEnd;
    private LineReader.@Nullable RawLine lastComplete;
    private LineReader.@Nullable RawLine partial;

    private FileScan() {}

    /** Scans the channel's first {@code limit} bytes. */
    static FileScan of(FileChannel channel, long limit) {
        FileScan scan = new FileScan();
        LineReader reader = new LineReader(channel, 0, limit);
        while (reader.hasNext()) {
            LineReader.RawLine line = reader.next();
            if (line.terminated()) {
                scan.add(line.offset());
                scan.lastComplete = line;
                scan.completeEnd = line.offset() + line.bytes().length + 1;
            } else {
                scan.partial = line;
            }
        }
        return scan;
    }

    private void add(long offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count++] = offset;
    }

    /** Returns the offsets of the complete lines (a copy with spare room). */
    long[] offsets() {
        return Arrays.copyOf(offsets, Math.max(64, count * 2));
    }

    /** Returns the number of complete lines. */
    int count() {
        return count;
    }

    /** Returns the byte offset just after the last complete line. */
    long completeEnd() {
        return completeEnd;
    }

    /** Returns the last complete line, if any. */
    LineReader.@Nullable RawLine lastComplete() {
        return lastComplete;
    }

    /** Returns the partial line after the last complete one, if any. */
    LineReader.@Nullable RawLine partial() {
        return partial;
    }
}
