package dev.arbiter.authority.provenance.internal;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.FileLedgerBuilder.Durability;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The file ledger open for appending. Thread-safe. An entry is written as canonical JSON before any lock
 * ({@link ProvenanceRecord#prepare}); one lock serializes the chain link: sealing (the index and previous hash
 * filled in, the hash, the signature) and, with {@link Durability#FSYNC_EACH}, writing and forcing. With
 * {@link Durability#GROUP_COMMIT} the line is only queued under that lock; after it is released, one of the waiting
 * appenders writes every queued line in one write and forces once for all of them (a second lock keeps the writes
 * in order). Reads first write what is queued, then read through a channel of their own.
 *
 * <p>Interrupts cannot break the ledger. A {@link FileChannel} is an interruptible channel: a thread interrupted
 * while it writes or forces through one closes it, for every thread (and releases the file lock). Here lines are
 * written and forced through a {@link RandomAccessFile} ({@code write}, {@link java.io.FileDescriptor#sync()}),
 * which an interrupt does not abort; each read opens a read-only channel of its own, so an interrupted reader fails
 * only its own read; the channel that holds the file lock does no I/O after opening.
 */
public final class FileLedgerImpl implements FileLedger {

    private final Path path;
    /** Holds the file lock; read only while the ledger opens, so that no interrupt can close it later. */
    private final FileChannel channel;
    private final FileLock lock;
    /** Writes and forces the lines: not interruptible. */
    private final RandomAccessFile out;
    private final @Nullable RecordSigner signer;
    private final @Nullable GroupCommit groupCommit;
    /** {@code FSYNC_EACH}: asynchronous appends, written and forced one by one on a thread of the ledger's. */
    private final @Nullable SerialAppends serial;
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Orders the writes of queued lines (group commit); taken before {@link #appendLock}. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Group commit: lines sealed but not yet written, which start at {@link #writtenEnd}. */
    private byte[] queued = new byte[0];
    private int queuedLength;
    private byte @Nullable [] spare;
    private volatile long writtenEnd;
    private long[] offsets;
    private int count;
    private volatile long end;
    private ChainHead head;
    private @Nullable Repair repair;
    private volatile @Nullable Exception failure;
    private volatile boolean closed;

    private FileLedgerImpl(Path path, FileChannel channel, FileLock lock, RandomAccessFile out, Durability durability,
            Duration groupCommitDelay, @Nullable RecordSigner signer, FileScan scan, ChainHead head) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.out = out;
        this.signer = signer;
        this.offsets = scan.offsets();
        this.count = scan.count();
        this.end = scan.completeEnd();
        this.writtenEnd = end;
        this.head = head;
        this.groupCommit = durability == Durability.GROUP_COMMIT ? new GroupCommit(this::sync, this::drain, end,
                groupCommitDelay.toNanos()) : null;
        this.serial = durability == Durability.FSYNC_EACH ? new SerialAppends() : null;
    }

    /** Opens the ledger; see {@link dev.arbiter.authority.provenance.FileLedgerBuilder#open()}. */
    public static FileLedgerImpl open(Path path, Durability durability, @Nullable RecordSigner signer, boolean repair) {
        return open(path, durability, Duration.ZERO, signer, repair);
    }

    /**
     * Opens the ledger with a group-commit delay; see
     * {@link dev.arbiter.authority.provenance.FileLedgerBuilder#groupCommitDelay(Duration)}.
     */
    public static FileLedgerImpl open(Path path, Durability durability, Duration groupCommitDelay,
            @Nullable RecordSigner signer, boolean repair) {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(groupCommitDelay, "groupCommitDelay");
        if (!groupCommitDelay.isZero() && durability != Durability.GROUP_COMMIT) {
            throw new IllegalArgumentException("a group-commit delay needs Durability.GROUP_COMMIT, not " + durability);
        }
        FileChannel channel = FileOpening.openChannel(path);
        RandomAccessFile out = null;
        try {
            FileLock lock = FileOpening.lock(channel, path);
            FileScan scan = FileScan.of(channel, channel.size());
            FileOpening.Cut cut = null;
            if (scan.partial() != null) {
                if (!repair) {
                    throw FileOpening.partialLine(path, scan);
                }
                cut = FileOpening.cutPartialLine(path, channel, scan);
            }
            ChainHead head = FileOpening.headOf(path, scan);
            out = new RandomAccessFile(path.toFile(), "rw");
            FileLedgerImpl ledger = new FileLedgerImpl(path, channel, lock, out, durability, groupCommitDelay, signer,
                    scan, head);
            if (cut != null) {
                ledger.recordRepair(cut);
            }
            return ledger;
        } catch (IOException e) {
            FileOpening.closeQuietly(out);
            FileOpening.closeQuietly(channel);
            throw new UncheckedIOException("cannot open ledger file " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            FileOpening.closeQuietly(out);
            FileOpening.closeQuietly(channel);
            throw e;
        }
    }

    private void recordRepair(FileOpening.Cut cut) {
        ProvenanceRecord r = append(FileOpening.repairEntry(path, cut));
        repair = new Repair(cut.offset(), cut.length(), cut.savedTo(), r.index());
    }

    @Override
    public ProvenanceRecord append(ProvenanceEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (groupCommit == null) {
            ProvenanceRecord.Prepared prepared = ProvenanceRecord.prepare(entry, signer); // outside the lock
            return Objects.requireNonNull(serial).runAfterPending(() -> appendAlone(prepared), this::closedFailure);
        }
        groupCommit.begin(); // counted among the appends in progress until it returns (see GroupCommit)
        try {
            Queued q = sealAndQueue(entry, groupCommit);
            awaitGroupCommit(q.record(), q.end());
            return q.record();
        } finally {
            groupCommit.end();
        }
    }

    /**
     * With group commit: seals and queues the record's line now, and completes the future on the thread whose force
     * covers it (see {@link GroupCommit#durable}). With {@code FSYNC_EACH}: writes the entry's canonical form here,
     * then seals, writes and forces it as {@link #append} does, on the ledger's thread for such appends
     * ({@link SerialAppends}), in the order they were asked; the future completes there.
     */
    @Override
    public CompletableFuture<ProvenanceRecord> appendAsync(ProvenanceEntry entry) {
        GroupCommit commit = groupCommit;
        if (commit == null) {
            ProvenanceRecord.Prepared prepared;
            try {
                ensureUsable();
                prepared = ProvenanceRecord.prepare(Objects.requireNonNull(entry, "entry"), signer);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return Objects.requireNonNull(serial).submit(() -> appendAlone(prepared), this::closedFailure);
        }
        Queued q;
        commit.begin();
        try {
            q = sealAndQueue(Objects.requireNonNull(entry, "entry"), commit);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            commit.end(); // the append returns here: only its line waits, not its thread
        }
        return commit.durable(q.end()).handle((durable, e) -> {
            if (e != null) {
                IOException cause = e instanceof IOException io ? io : new IOException(e);
                failure = cause;
                throw new UncheckedIOException("cannot force ledger file " + path + "; the record at index "
                        + q.record().index() + " is not acknowledged and the ledger accepts no more appends", cause);
            }
            return q.record();
        });
    }

    /** A sealed record whose line is queued, and the end of the file once it is written. */
    private record Queued(ProvenanceRecord record, long end) {}

    private Queued sealAndQueue(ProvenanceEntry entry, GroupCommit commit) {
        ProvenanceRecord.Prepared prepared = ProvenanceRecord.prepare(entry, signer); // outside the lock
        ProvenanceRecord record;
        long target;
        appendLock.lock();
        try {
            ensureUsable();
            record = prepared.seal(head.size(), head.hash());
            byte[] bytes = lineOf(record);
            queue(bytes);
            advance(record, bytes.length);
            target = end;
        } finally {
            appendLock.unlock();
        }
        commit.queued();
        return new Queued(record, target);
    }

    private IllegalStateException closedFailure() {
        return new IllegalStateException("ledger file " + path + " is closed");
    }

    /** An append with {@code FSYNC_EACH}: written and forced under the append lock. */
    private ProvenanceRecord appendAlone(ProvenanceRecord.Prepared prepared) {
        ProvenanceRecord record;
        appendLock.lock();
        try {
            ensureUsable();
            record = prepared.seal(head.size(), head.hash());
            byte[] bytes = lineOf(record);
            try {
                writeFully(bytes, bytes.length, end);
                sync();
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("cannot append to ledger file " + path + "; the record at index "
                        + record.index() + " is not acknowledged and the ledger accepts no more appends", e);
            }
            writtenEnd = end + bytes.length;
            advance(record, bytes.length);
        } finally {
            appendLock.unlock();
        }
        return record;
    }

    /** The record's line as the file holds it: its canonical form and a line end, in UTF-8. */
    private static byte[] lineOf(ProvenanceRecord record) {
        return (record.canonicalLine() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Moves the chain past a record whose line of {@code length} bytes starts at {@link #end}; under the lock. */
    private void advance(ProvenanceRecord record, int length) {
        addOffset(end);
        end += length;
        head = record.head();
    }

    private void queue(byte[] bytes) {
        if (queuedLength + bytes.length > queued.length) {
            queued = Arrays.copyOf(queued, Math.max(queued.length * 2, queuedLength + bytes.length + 16_384));
        }
        System.arraycopy(bytes, 0, queued, queuedLength, bytes.length);
        queuedLength += bytes.length;
    }

    /** Writes every queued line in one write; returns the end of the written bytes. For the group commit's leader. */
    private long drain() throws IOException {
        writeLock.lock();
        try {
            byte[] taken;
            int length;
            long at;
            appendLock.lock();
            try {
                if (failure != null) {
                    throw new IOException("an earlier write of the ledger file failed", failure);
                }
                if (queuedLength == 0) {
                    return writtenEnd;
                }
                taken = queued;
                length = queuedLength;
                at = writtenEnd;
                queued = spare != null ? spare : new byte[taken.length];
                spare = null;
                queuedLength = 0;
            } finally {
                appendLock.unlock();
            }
            writeFully(taken, length, at); // appenders go on queueing meanwhile
            writtenEnd = at + length;
            spare = taken;
            return at + length;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes what is queued (without forcing it) so that reads see every appended record; returns the end of the
     * records, all written. Caller holds neither lock.
     */
    private long writeQueued() {
        writeLock.lock();
        try {
            appendLock.lock();
            try {
                writeQueuedLocked();
                return end;
            } finally {
                appendLock.unlock();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes what is queued; the caller holds both locks (so no leader is writing). */
    private void writeQueuedLocked() {
        if (queuedLength == 0) {
            return;
        }
        try {
            writeFully(queued, queuedLength, writtenEnd);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot write to ledger file " + path, e);
        }
        writtenEnd += queuedLength;
        queuedLength = 0;
    }

    private void awaitGroupCommit(ProvenanceRecord record, long target) {
        try {
            groupCommit.awaitDurable(target);
        } catch (InterruptedIOException e) { // the ledger goes on: a later force writes the line
            throw new UncheckedIOException("interrupted while waiting for ledger file " + path + " to be forced; the"
                    + " record at index " + record.index() + " stays in the chain and a later force writes it, but this"
                    + " append is not acknowledged", e);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot force ledger file " + path + "; the record at index "
                    + record.index() + " is not acknowledged and the ledger accepts no more appends", e);
        }
    }

    /** Writes the bytes at the position; an interrupt does not abort it. Writers are serialized by the locks. */
    private void writeFully(byte[] bytes, int length, long position) throws IOException {
        synchronized (out) {
            out.seek(position);
            out.write(bytes, 0, length);
        }
    }

    /** Forces every byte written so far to disk, as {@code FileChannel.force(true)}; an interrupt does not abort it. */
    private void sync() throws IOException {
        out.getFD().sync();
    }

    /** A read-only channel for one read (see {@link FileOpening#readChannel}), unless the ledger is closed. */
    private FileChannel readChannel() {
        if (closed) {
            throw new IllegalStateException("ledger file " + path + " is closed");
        }
        return FileOpening.readChannel(path);
    }

    private void addOffset(long offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count++] = offset;
    }

    private void ensureUsable() {
        if (closed) {
            throw new IllegalStateException("ledger file " + path + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("ledger file " + path + " accepts no more appends after a failed write ("
                    + failure + "); reopen it (a partial last line is then reported or repaired)", failure);
        }
    }

    @Override
    public long size() {
        appendLock.lock();
        try {
            return count;
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public List<ProvenanceRecord> read(long from, long to) {
        long start;
        long stop;
        writeLock.lock();
        try {
            appendLock.lock();
            try {
                Records.checkRange(from, to, count);
                if (from == to) {
                    return List.of();
                }
                start = offsets[(int) from];
                stop = to == count ? end : offsets[(int) to];
                if (stop > writtenEnd) {
                    writeQueuedLocked();
                }
            } finally {
                appendLock.unlock();
            }
        } finally {
            writeLock.unlock();
        }
        List<ProvenanceRecord> records = new ArrayList<>((int) (to - from));
        try (FileChannel in = readChannel()) {
            LineReader reader = new LineReader(in, start, stop);
            while (reader.hasNext()) {
                LineReader.RawLine line = reader.next();
                records.add(Records.read(line.text(), "line " + (from + line.number()) + " of " + path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger file " + path + ": " + e, e);
        }
        return records;
    }

    @Override
    public LedgerVerification verify(VerifyOptions options) {
        long limit = groupCommit != null ? writeQueued() : end;
        return ChainVerifier.verify(() -> {
            FileChannel in = readChannel();
            return FileLines.stored(in, limit, path, () -> FileOpening.closeQuietly(in));
        }, options, null);
    }

    @Override
    public Explanation explain(String runIdOrArtifactDigest) {
        long limit = groupCommit != null ? writeQueued() : end;
        FileChannel in = readChannel();
        return FileLines.explain(in, limit, path, runIdOrArtifactDigest, () -> FileOpening.closeQuietly(in));
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public Optional<Repair> repair() {
        return Optional.ofNullable(repair);
    }

    /** Returns how many group-commit forces ran (0 with {@link Durability#FSYNC_EACH}); for measurements. */
    public long groupCommitForces() {
        return groupCommit == null ? 0 : groupCommit.forces();
    }

    @Override
    public void close() {
        if (serial != null) {
            serial.close(); // every asynchronous append asked for is written and forced first
        }
        if (groupCommit != null && !closed && failure == null) {
            try {
                writeQueued(); // lines whose appenders still wait for a force: written, not acknowledged
            } catch (UncheckedIOException e) {
                // closing anyway; those appends fail
            }
        }
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (groupCommit != null) {
                groupCommit.close();
            }
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
            FileOpening.closeQuietly(out);
            FileOpening.closeQuietly(channel);
        } finally {
            appendLock.unlock();
        }
    }
}
