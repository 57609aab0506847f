package dev.arbiter.benchmarks;

import dev.arbiter.core.Digests;
import dev.arbiter.core.Usage;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointLog;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Spend;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the checkpoint log costs (issue #9, figure 5): saves per second from {@code threads} threads calling {@code
 * save}, against the file store (a file per run) in alternating blocks; then, for {@code checkpoints} checkpoints
 * saved, the heap its index holds, the time to open it (every line read once), and a load's time. Checkpoints are
 * shaped as a pipeline's: a run id, a key {@code position:step:sha256}, an invoice artifact.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.CheckpointLogScenario DIR [checkpoints=200000] [threads=16] [blocks=3] [savesPerBlock=2000]
 * </pre>
 */
public final class CheckpointLogScenario {

    private CheckpointLogScenario() {}

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CheckpointLogScenario DIR [checkpoints=200000] [threads=16] [blocks=3]"
                    + " [savesPerBlock=2000]");
            System.exit(2);
        }
        Path root = Files.createTempDirectory(Path.of(args[0]), "arbiter-checkpoint-log");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int blocks = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int perBlock = args.length > 4 ? Integer.parseInt(args[4]) : 2_000;
        System.out.printf(Locale.ROOT, "checkpoint log scenario: %,d checkpoints, %d threads, %s, %d cores%n", count,
                threads, root, Runtime.getRuntime().availableProcessors());
        try {
            savesPerSecond(root, threads, blocks, perBlock);
            openAndLoad(root.resolve("index"), count);
        } finally {
            BenchFixtures.deleteTree(root);
        }
    }

    static Checkpoint checkpoint(String runId, int step) {
        return new Checkpoint(runId, step + ":extract:" + Digests.sha256Hex(runId + "/" + step), "extract",
                "{\"number\":\"INV-" + runId.hashCode() + "\",\"total\":1250.5,\"currency\":\"EUR\"}",
                new Spend(1, Usage.of(812, 46), 0, new BigDecimal("0.000512"), Duration.ofMillis(231)),
                Instant.parse("2026-11-21T10:00:00Z"));
    }

    /** Blocks of {@code perBlock} saves by {@code threads} threads, the file store's and the log's in turn. */
    private static void savesPerSecond(Path root, int threads, int blocks, int perBlock) throws Exception {
        long[] nanos = new long[2];
        AtomicInteger runs = new AtomicInteger();
        try (CheckpointLog log = CheckpointStore.log(root.resolve("log"))) {
            CheckpointStore[] stores = {CheckpointStore.file(root.resolve("files")), log};
            for (CheckpointStore store : stores) {
                block(store, threads, perBlock, runs); // warm-up
            }
            for (int b = 0; b < blocks; b++) {
                for (int k = 0; k < 2; k++) {
                    int kind = (k + b) % 2;
                    nanos[kind] += block(stores[kind], threads, perBlock, runs);
                }
            }
        }
        double file = blocks * (double) perBlock / (nanos[0] / 1e9);
        double log = blocks * (double) perBlock / (nanos[1] / 1e9);
        System.out.printf(Locale.ROOT, "save from %d threads, a new run each: file store %,.0f saves/s, log %,.0f"
                + " saves/s (%.1f x)%n", threads, file, log, log / file);
    }

    private static long block(CheckpointStore store, int threads, int saves, AtomicInteger runs)
            throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int share = saves / threads + (t < saves % threads ? 1 : 0);
            Thread w = new Thread(() -> {
                for (int i = 0; i < share; i++) {
                    store.save(checkpoint("run-" + runs.incrementAndGet(), 0));
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return System.nanoTime() - t0;
    }

    /** Saves {@code count} checkpoints, then measures the reopened log's index, opening time and loads. */
    private static void openAndLoad(Path dir, int count) throws Exception {
        long t0 = System.nanoTime();
        try (CheckpointLog log = CheckpointStore.log(dir)) {
            List<java.util.concurrent.CompletableFuture<Void>> window = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                window.add(log.saveAsync(checkpoint("run-" + i / 3, i % 3)));
                if (window.size() == 1_000) {
                    window.forEach(java.util.concurrent.CompletableFuture::join);
                    window.clear();
                }
            }
            window.forEach(java.util.concurrent.CompletableFuture::join);
        }
        double saveSeconds = (System.nanoTime() - t0) / 1e9;
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.filter(f -> f.getFileName().toString().startsWith("checkpoints-"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "%,d checkpoints saved through saveAsync (1,000 in flight) in %.2f s (%,.0f /s);"
                + " %,d bytes, %.0f bytes per line%n", count, saveSeconds, count / saveSeconds, bytes,
                bytes / (double) count);
        for (int round = 1; round <= 3; round++) {
            long before = usedAfterGc();
            long open0 = System.nanoTime();
            CheckpointLog log = CheckpointStore.log(dir);
            double openMillis = (System.nanoTime() - open0) / 1e6;
            long after = usedAfterGc();
            Random random = new Random(round);
            int loads = 20_000;
            String[][] keys = new String[loads][];
            for (int i = 0; i < loads; i++) {
                Checkpoint c = checkpoint("run-" + random.nextInt(count / 3), random.nextInt(3));
                keys[i] = new String[] {c.runId(), c.key()};
            }
            long found = 0;
            long l0 = System.nanoTime();
            for (String[] k : keys) {
                found += log.load(k[0], k[1]).isPresent() ? 1 : 0;
            }
            double loadMicros = (System.nanoTime() - l0) / 1e3 / loads;
            if (found != loads || log.size() != count) {
                throw new IllegalStateException("found " + found + " of " + loads + ", size " + log.size());
            }
            System.out.printf(Locale.ROOT, "open %d: %,d checkpoints read in %.0f ms (%.0f MB/s); index %.0f bytes of"
                    + " heap per checkpoint; a load of a stored checkpoint %.1f us%n",
                    round, log.size(), openMillis, bytes / 1e6 / (openMillis / 1e3), (after - before) / (double) count,
                    loadMicros);
            log.close();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
