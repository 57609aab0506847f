package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The lines of a ledger file as stored lines and records. Thread-safe (positional reads only). */
final class FileLines {

    private FileLines() {}

    /** Returns the stored lines of the first {@code limit} bytes, a partial last line included. */
    static Stream<StoredLine> stored(FileChannel channel, long limit, Path path, Runnable onClose) {
        return LineReader.stream(channel, 0, limit, onClose).map(l -> new StoredLine(l.number() - 1,
                "line " + l.number() + " of " + path, l.text(), l.terminated(), null));
    }

    /** Returns the chain of custody of the id among the readable complete lines. */
    static Explanation explain(FileChannel channel, long limit, Path path, String id, Runnable onClose) {
        try (Stream<LineReader.RawLine> lines = LineReader.stream(channel, 0, limit, onClose)) {
            List<ProvenanceRecord> records = lines.filter(LineReader.RawLine::terminated)
                    .map(l -> readable(l.text()))
                    .filter(r -> r != null && Records.matches(r, id))
                    .toList();
            return new Explanation(id, records);
        }
    }

    private static @Nullable ProvenanceRecord readable(String line) {
        try {
            return ProvenanceRecord.fromCanonicalLine(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
