package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.internal.FileLedgerImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The file ledger's forces against a raw {@code FileChannel.force} of the same bytes (issue #9, figure 4), measured
 * <em>interleaved</em>: a virtual disk's force latency drifts by a factor of two or more within seconds, so
 * measuring one store after the other (as {@link LedgerAppendBenchmark} does) compares the disk at different
 * moments. Here every round runs a block of appends of each kind in turn (the order rotating from round to round)
 * and the per-kind totals are compared: {@code raw} (positional write of the canonical line + {@code force(true)}
 * under one lock), {@code fsync} ({@code Durability.FSYNC_EACH}), {@code group} ({@code GROUP_COMMIT}) and
 * {@code group+delay} ({@code GROUP_COMMIT} with {@code groupCommitDelay} of {@code delayMicros}, default 200 µs) and
 * {@code group async} ({@code GROUP_COMMIT} through {@code appendAsync}, each thread keeping up to {@code inFlight}
 * appends in flight, default 64: what many runs on a few threads, as {@code Pipeline.runAsync} makes them, ask of
 * the ledger), with 1 and with 16 threads. A block ends when every one of its appends is durable. Prints appends per
 * second per kind and thread count, the appends per force of the group-commit kinds, and the ratios the targets name.
 *
 * <p>Before the measured rounds, each kind runs {@code warmupAppends} appends on one thread (default 20,000): a
 * ledger append needs thousands of calls to be compiled, and a round of 160 appends measured in the interpreter or
 * the first compiler's code counts the JIT, not the store (about 40 µs per append cold against 11 µs warm on
 * tmpfs).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.LedgerForceScenario [rounds=20] [appendsPerBlock=160] [warmupAppends=20000] [delayMicros=200] [inFlight=64]
 * </pre>
 */
public final class LedgerForceScenario {

    private LedgerForceScenario() {}

    private interface Appender {
        void append() throws IOException;
    }

    /** Runs one thread's share of a block: {@code appends} appends, returning once all are durable. */
    private interface Share {
        void run(int appends) throws Exception;

        static Share of(Appender appender) {
            return appends -> {
                for (int i = 0; i < appends; i++) {
                    appender.append();
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 160;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        long delayMicros = args.length > 3 ? Long.parseLong(args[3]) : 200;
        int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, not " + inFlight);
        }
        Path dir = Files.createTempDirectory("arbiter-force");
        ProvenanceEntry entry = LedgerAppendBenchmark.entry("run-0001");
        byte[] line = (ProvenanceRecord.seal(0, "0".repeat(64), entry, null).canonicalLine() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "ledger force scenario: %d rounds, %d appends per block, line %d bytes, %s, %d cores%n",
                rounds, perBlock, line.length, dir, Runtime.getRuntime().availableProcessors());
        try (FileChannel raw = FileChannel.open(dir.resolve("raw.jsonl"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
                FileLedger fsync = ProvenanceLedger.file(dir.resolve("fsync.jsonl"))
                        .durability(FileLedgerBuilder.Durability.FSYNC_EACH).open();
                FileLedger group = ProvenanceLedger.file(dir.resolve("group.jsonl"))
                        .durability(FileLedgerBuilder.Durability.GROUP_COMMIT).open();
                FileLedger delayed = ProvenanceLedger.file(dir.resolve("delayed.jsonl"))
                        .durability(FileLedgerBuilder.Durability.GROUP_COMMIT)
                        .groupCommitDelay(Duration.ofNanos(delayMicros * 1_000)).open();
                FileLedger async = ProvenanceLedger.file(dir.resolve("async.jsonl"))
                        .durability(FileLedgerBuilder.Durability.GROUP_COMMIT).open()) {
            long[] position = {0};
            Object lock = new Object();
            Appender rawAppend = () -> {
                synchronized (lock) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        position[0] += raw.write(buffer, position[0]);
                    }
                    raw.force(true);
                }
            };
            List<String> names = List.of("raw", "fsync", "group", "group+delay", "group async");
            List<FileLedger> ledgers = List.of(fsync, group, delayed, async); // kinds 1 to 4
            List<Share> kinds = List.of(Share.of(rawAppend), Share.of(() -> fsync.append(entry)),
                    Share.of(() -> group.append(entry)), Share.of(() -> delayed.append(entry)),
                    appends -> inFlight(async, entry, appends, inFlight));
            for (Share kind : kinds) {
                long t0 = System.nanoTime();
                kind.run(warmup); // compiled before anything is measured
                System.out.printf(Locale.ROOT, "warm-up: %,d appends in %,d ms%n", warmup,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            for (int threads : new int[] {1, 16}) {
                int n = kinds.size();
                long[] nanos = new long[n];
                long[] forces = new long[n];
                for (Share kind : kinds) {
                    block(kind, threads, perBlock); // the threads' first block of each kind
                }
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < n; k++) {
                        int kind = (k + r) % n;
                        long before = kind == 0 ? 0 : forces(ledgers.get(kind - 1));
                        nanos[kind] += block(kinds.get(kind), threads, perBlock);
                        forces[kind] += kind == 0 ? 0 : forces(ledgers.get(kind - 1)) - before;
                    }
                }
                double[] perSecond = new double[n];
                for (int k = 0; k < n; k++) {
                    perSecond[k] = rounds * (double) perBlock / (nanos[k] / 1e9);
                    System.out.printf(Locale.ROOT, "%2d thread(s) %-11s %,10.0f appends/s%s%n", threads, names.get(k),
                            perSecond[k], forces[k] == 0 ? "" : String.format(Locale.ROOT, ", %.1f appends per force",
                                    rounds * (double) perBlock / forces[k]));
                }
                System.out.printf(Locale.ROOT, "%2d thread(s) fsync-per-append time / raw force time = %.2f;"
                        + " group commit appends/s / fsync-per-append appends/s = %.1f%n", threads,
                        perSecond[0] / perSecond[1], perSecond[2] / perSecond[1]);
                System.out.printf(Locale.ROOT, "%2d thread(s) group commit with a %d us delay appends/s"
                        + " / fsync-per-append appends/s = %.1f%n", threads, delayMicros, perSecond[3] / perSecond[1]);
                System.out.printf(Locale.ROOT, "%2d thread(s) group commit through appendAsync, up to %d in flight per"
                        + " thread, appends/s / fsync-per-append appends/s = %.1f%n", threads, inFlight,
                        perSecond[4] / perSecond[1]);
            }
            for (FileLedger l : ledgers) {
                LedgerVerification v = l.verify();
                System.out.println(l.path().getFileName() + ": " + l.size() + " records, "
                        + (v instanceof LedgerVerification.Valid ? "chain valid" : "BROKEN " + v));
            }
        } finally {
            for (String f : List.of("raw.jsonl", "fsync.jsonl", "group.jsonl", "delayed.jsonl", "async.jsonl")) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Forces of a group-commit ledger so far; none counted with fsync per append. */
    private static long forces(FileLedger ledger) {
        return ((FileLedgerImpl) ledger).groupCommitForces();
    }

    /**
     * Appends {@code appends} records through {@code appendAsync}, never more than {@code inFlight} not yet durable,
     * and returns once all are durable; a failed append fails the block.
     */
    static void inFlight(FileLedger ledger, ProvenanceEntry entry, int appends, int inFlight)
            throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < appends && failure.get() == null; i++) {
            window.acquire();
            ledger.appendAsync(entry).whenComplete((record, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                window.release();
            });
        }
        window.acquire(inFlight); // every append of the share is durable
        if (failure.get() != null) {
            throw new IllegalStateException("an asynchronous append failed", failure.get());
        }
    }

    /** Runs {@code appends} appends spread over {@code threads} threads; returns the elapsed nanoseconds. */
    private static long block(Share kind, int threads, int appends) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = appends / threads + (t < appends % threads ? 1 : 0);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    kind.run(share);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        return System.nanoTime() - t0;
    }
}
