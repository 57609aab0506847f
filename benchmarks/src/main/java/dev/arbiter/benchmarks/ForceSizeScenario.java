package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a force costs with the size of the group it makes durable (issue #9, figure 4): appends 1, 2, 4, 8, 16, 64 and 256 of
 * {@link LedgerAppendBenchmark}'s record lines to a file in one write, then forces it, interleaved round by round so
 * the disk's drift hits every size alike; prints the median, p10 and p90 of each. A group commit whose forces cost
 * little more for 16 lines than for one is limited by what happens between its forces, not by the disk.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.ForceSizeScenario DIR [rounds=2000]
 * </pre>
 */
public final class ForceSizeScenario {

    private static final int[] LINES = {1, 2, 4, 8, 16, 64, 256};

    private ForceSizeScenario() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ForceSizeScenario DIR [rounds=2000]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        if (rounds < 10) {
            throw new IllegalArgumentException("at least 10 rounds, was " + rounds);
        }
        byte[] line = (ProvenanceRecord.seal(0, "0".repeat(64), LedgerAppendBenchmark.entry("run-0001"), null)
                .canonicalLine() + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = Files.createTempFile(Path.of(args[0]), "arbiter-force", ".jsonl");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long[][] nanos = new long[LINES.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < LINES.length; k++) {
                    ByteBuffer group = ByteBuffer.allocate(line.length * LINES[k]);
                    for (int i = 0; i < LINES[k]; i++) {
                        group.put(line);
                    }
                    group.flip();
                    long t0 = System.nanoTime();
                    while (group.hasRemaining()) {
                        channel.write(group);
                    }
                    channel.force(true);
                    nanos[k][r] = System.nanoTime() - t0;
                }
            }
            System.out.printf(Locale.ROOT, "write + force of a group of record lines (%,d bytes each), %d rounds, %s%n",
                    line.length, rounds, args[0]);
            double single = 0;
            for (int k = 0; k < LINES.length; k++) {
                long[] sorted = nanos[k].clone();
                Arrays.sort(sorted);
                double median = sorted[rounds / 2] / 1e3;
                if (k == 0) {
                    single = median;
                }
                System.out.printf(Locale.ROOT, "%2d lines (%,7d bytes): median %7.1f us (%.2f x one line), p10 %7.1f us,"
                        + " p90 %7.1f us%n", LINES[k], LINES[k] * line.length, median, median / single,
                        sorted[rounds / 10] / 1e3, sorted[rounds * 9 / 10] / 1e3);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
