package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.LedgerReader;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ledger file opened for reading only: no lock, no repair; every operation reads the file as it is then.
 * Thread-safe (it holds no state).
 */
public final class FileLedgerReader implements LedgerReader {

    private final Path path;

    private FileLedgerReader(Path path) {
        this.path = path;
    }

    /** Opens the file for reading; it must exist. */
    public static FileLedgerReader open(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new UncheckedIOException("no ledger file " + path,
                    new NoSuchFileException(path.toString(), null, "no ledger file"));
        }
        return new FileLedgerReader(path);
    }

    private FileChannel channel() {
        return FileOpening.readChannel(path);
    }

    @Override
    public long size() {
        try (FileChannel channel = channel()) {
            return FileScan.of(channel, channel.size()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger file " + path, e);
        }
    }

    @Override
    public List<ProvenanceRecord> read(long from, long to) {
        try (FileChannel channel = channel()) {
            LineReader reader = new LineReader(channel, 0, channel.size());
            List<ProvenanceRecord> records = new ArrayList<>();
            long position = 0;
            while (reader.hasNext()) {
                LineReader.RawLine line = reader.next();
                if (line.terminated() && position >= from && position < to) {
                    records.add(Records.read(line.text(), "line " + line.number() + " of " + path));
                }
                if (line.terminated()) position++;
            }
            Records.checkRange(from, to, position);
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger file " + path, e);
        }
    }

    @Override
    public LedgerVerification verify(VerifyOptions options) {
        return ChainVerifier.verify(() -> {
            FileChannel channel = channel();
            try {
                return FileLines.stored(channel, channel.size(), path, () -> FileOpening.closeQuietly(channel));
            } catch (IOException e) {
                FileOpening.closeQuietly(channel);
                throw new UncheckedIOException("cannot read ledger file " + path, e);
            }
        }, options, null);
    }

    @Override
    public Explanation explain(String runIdOrArtifactDigest) {
        FileChannel channel = channel();
        try {
            return FileLines.explain(channel, channel.size(), path, runIdOrArtifactDigest,
                    () -> FileOpening.closeQuietly(channel));
        } catch (IOException e) {
            FileOpening.closeQuietly(channel);
            throw new UncheckedIOException("cannot read ledger file " + path, e);
        }
    }

    @Override
    public void close() {
        // every operation opens and closes its own channel
    }
}
