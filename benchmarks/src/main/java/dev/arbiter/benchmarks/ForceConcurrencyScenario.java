package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether forces of one file overlap on this disk (issue #9, figure 4): 1, 2, 4, 8 and 16 threads each write a group
 * of {@link LedgerAppendBenchmark}'s record lines at the file's end and force it, with no lock between them, for a
 * fixed time; the thread counts take turns round by round so the disk's drift hits each alike. Prints forces per
 * second and each force's median time for every count. If forces in flight together cost what one costs, a group
 * commit could keep several in flight; if each gets slower as they overlap, the forces per second grow less than
 * the threads and a group commit gains nothing by splitting its groups.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.ForceConcurrencyScenario DIR [rounds=3]
 *     [seconds per count=2] [lines per force=4]
 * </pre>
 */
public final class ForceConcurrencyScenario {

    private static final int[] THREADS = {1, 2, 4, 8, 16};

    private ForceConcurrencyScenario() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ForceConcurrencyScenario DIR [rounds=3] [seconds per count=2] [lines per force=4]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        int lines = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        if (rounds < 1 || seconds <= 0 || lines < 1) {
            throw new IllegalArgumentException("rounds, seconds and lines must be positive");
        }
        byte[] line = (ProvenanceRecord.seal(0, "0".repeat(64), LedgerAppendBenchmark.entry("run-0001"), null)
                .canonicalLine() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] group = new byte[line.length * lines];
        for (int i = 0; i < lines; i++) {
            System.arraycopy(line, 0, group, i * line.length, line.length);
        }
        System.out.printf(Locale.ROOT, "forces of one file from 1 to 16 threads at once, %d bytes per force (%d lines),"
                + " %d rounds of %.1f s per count, %s%n", group.length, lines, rounds, seconds, args[0]);
        long[] forces = new long[THREADS.length];
        List<List<Long>> times = new ArrayList<>();
        for (int k = 0; k < THREADS.length; k++) {
            times.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < THREADS.length; k++) {
                forces[k] += round(Path.of(args[0]), group, THREADS[k], seconds, times.get(k));
            }
        }
        double single = 0;
        for (int k = 0; k < THREADS.length; k++) {
            long[] sorted = times.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            double perSecond = forces[k] / (rounds * seconds);
            if (k == 0) {
                single = perSecond;
            }
            System.out.printf(Locale.ROOT, "%2d thread(s): %,8.0f forces/s (%.2f x one thread), a force's median %7.1f us,"
                    + " p90 %7.1f us%n", THREADS[k], perSecond, perSecond / single, sorted[sorted.length / 2] / 1e3,
                    sorted[sorted.length * 9 / 10] / 1e3);
        }
    }

    /** Runs {@code threads} writers for {@code seconds}; returns the forces they made and adds each force's time. */
    private static long round(Path dir, byte[] group, int threads, double seconds, List<Long> times)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "arbiter-force-concurrency", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            AtomicLong end = new AtomicLong();
            long stop = System.nanoTime() + (long) (seconds * 1e9);
            long[][] own = new long[threads][];
            Thread[] writers = new Thread[threads];
            IOException[] failure = new IOException[1];
            for (int t = 0; t < threads; t++) {
                int me = t;
                writers[t] = new Thread(() -> {
                    long[] mine = new long[1024];
                    int n = 0;
                    try {
                        while (System.nanoTime() < stop) {
                            ByteBuffer buffer = ByteBuffer.wrap(group);
                            long at = end.getAndAdd(group.length);
                            long t0 = System.nanoTime();
                            while (buffer.hasRemaining()) {
                                at += channel.write(buffer, at);
                            }
                            channel.force(true);
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = System.nanoTime() - t0;
                        }
                    } catch (IOException e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                    own[me] = Arrays.copyOf(mine, n);
                }, "force-" + t);
                writers[t].start();
            }
            long total = 0;
            for (int t = 0; t < threads; t++) {
                writers[t].join();
                total += own[t].length;
                for (long nanos : own[t]) {
                    times.add(nanos);
                }
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            return total;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
