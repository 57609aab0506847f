package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.LedgerDamagedException;
import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opening a ledger file for appending: the channel, the lock, the partial-line check and repair, the head. */
final class FileOpening {

    private static final Logger LOG = LoggerFactory.getLogger(FileOpening.class);

    /** The run id of the records the ledger writes about itself. */
    static final String LEDGER_RUN_ID = "arbiter-ledger";

    /** A partial line that was cut off. */
    record Cut(long offset, long length, Path savedTo) {}

    private FileOpening() {}

    static FileChannel openChannel(Path path) {
        boolean created = !Files.exists(path);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (created) {
                forceDirectory(path.toAbsolutePath().getParent());
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger file " + path + ": " + e, e);
        }
    }

    /** Makes a new file's directory entry durable; not every platform can open a directory, which is fine. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot force directory {}: {}", directory, e.toString());
        }
    }

    /**
     * Locks a byte far past the data, so that platforms with mandatory locks still let readers read the records.
     */
    static FileLock lock(FileChannel channel, Path path) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock(Long.MAX_VALUE - 1, 1, false);
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("ledger file " + path + " is already open for appending in this JVM;"
                    + " share that ledger instead of opening it twice", e);
        }
        if (lock == null) {
            throw new IllegalStateException("ledger file " + path + " is open for appending in another process"
                    + " (its file lock is held); one writer at a time");
        }
        return lock;
    }

    static LedgerDamagedException partialLine(Path path, FileScan scan) {
        LineReader.RawLine partial = Objects.requireNonNull(scan.partial());
        return new LedgerDamagedException(new Broken(scan.count(), Reason.TRUNCATED_LINE, "line "
                + partial.number() + " of " + path + " is incomplete (" + partial.bytes().length + " bytes at byte"
                + " offset " + partial.offset() + " without a line end): a crash cut off an append that was never"
                + " acknowledged; open with repairPartialLastLine(true) to cut it off (its bytes are kept in a side"
                + " file and the repair is recorded in the chain)"));
    }

    /** Copies the partial line to a side file, forces it, then cuts it off the ledger and forces the ledger. */
    static Cut cutPartialLine(Path path, FileChannel channel, FileScan scan) throws IOException {
        LineReader.RawLine partial = Objects.requireNonNull(scan.partial());
        Path savedTo = path.resolveSibling(path.getFileName() + ".partial-" + partial.offset() + "-"
                + System.currentTimeMillis());
        try (FileChannel side = FileChannel.open(savedTo, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(partial.bytes());
            while (buffer.hasRemaining()) {
                side.write(buffer);
            }
            side.force(true);
        }
        channel.truncate(partial.offset());
        channel.force(true);
        LOG.warn("ledger file {}: cut off a partial last line of {} bytes at byte offset {} (an append a crash"
                + " interrupted before it was acknowledged); its bytes are saved in {}", path,
                partial.bytes().length, partial.offset(), savedTo);
        return new Cut(partial.offset(), partial.bytes().length, savedTo);
    }

    static ProvenanceEntry repairEntry(Path path, Cut cut) {
        return ProvenanceEntry.builder(LEDGER_RUN_ID, "repair", Decision.LEDGER_REPAIRED)
                .note("cut off a partial last line of " + cut.length() + " bytes at byte offset " + cut.offset()
                        + " of " + path.getFileName() + ", left by a crash before that append was acknowledged;"
                        + " its bytes were saved to " + cut.savedTo().getFileName())
                .build();
    }

    /** Returns the head to continue from: after the last complete line, which must be an intact record. */
    static ChainHead headOf(Path path, FileScan scan) {
        LineReader.RawLine last = scan.lastComplete();
        if (last == null) {
            return ChainHead.EMPTY;
        }
        String where = "line " + last.number() + " of " + path;
        ProvenanceRecord record;
        try {
            record = ProvenanceRecord.fromCanonicalLine(last.text());
        } catch (IllegalArgumentException e) {
            throw new LedgerDamagedException(new Broken(scan.count() - 1, Reason.MALFORMED, where
                    + ", the last record, is not readable (" + e.getMessage() + "): the chain cannot be continued"));
        }
        if (!record.isIntact()) {
            throw new LedgerDamagedException(new Broken(scan.count() - 1, Reason.CHANGED, where
                    + ", the last record, no longer matches its hash: the chain cannot be continued"));
        }
        if (record.index() != scan.count() - 1) {
            LOG.warn("ledger file {} holds {} records but its last record has index {}; run verify()", path,
                    scan.count(), record.index());
        }
        return record.head();
    }

    /**
     * A read-only channel of the ledger file for one operation: an interrupt that closes it fails only that
     * operation, not the ledger.
     */
    static FileChannel readChannel(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger file " + path + ": " + e, e);
        }
    }

    static void closeQuietly(@Nullable Closeable file) {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            LOG.debug("cannot close ledger file: {}", e.toString());
        }
    }
}
