package dev.arbiter.eval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.GoldenSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken golden sets (part of the reliability suite, docs/reliability.md): every broken file fails with an
 * {@link IllegalArgumentException} whose message is {@code file:line: reason} naming the broken line, in bounded
 * time; never another exception. {@code -Preliability} runs more variants.
 */
class BadGoldenSetTest {

    static final List<String> VALID = List.of(
            "{\"goldenSet\": {\"name\": \"invoice-fields\", \"version\": \"1\"}}",
            "{\"id\": \"inv-001\", \"input\": {\"text\": \"RECHNUNG Nr. RE-2024-0417\"}, \"expected\": {\"total\": 151.73}}",
            "{\"id\": \"inv-002\", \"input\": {\"text\": \"Invoice 7\"}, \"expected\": {\"total\": 12}, \"tags\": [\"us\"]}",
            "{\"id\": \"inv-003\", \"input\": \"plain\", \"expected\": null}");

    @TempDir
    Path dir;

    @Test
    void brokenGoldenSetsNameTheLine() throws Exception {
        boolean longForm = "long".equals(System.getProperty("arbiter.reliability"));
        int cases = longForm ? 5_000 : 200;
        Random random = new Random(5);
        int refused = 0;
        for (int i = 0; i < cases; i++) {
            List<String> lines = new ArrayList<>(VALID);
            int at = 1 + random.nextInt(lines.size() - 1);
            String line = lines.get(at);
            String bad = switch (random.nextInt(7)) {
                case 0 -> line.substring(0, random.nextInt(line.length()));
                case 1 -> line.replace("\"input\"", "\"inputs\"");
                case 2 -> "[".repeat(10_000) + "]".repeat(10_000);
                case 3 -> lines.get(1);
                case 4 -> line.replace("}", ",\"expected\": 1}");
                case 5 -> "{\"id\": \"x" + i + "\", \"input\": " + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001);
                default -> line.replace("\"id\": \"inv", "\"id\": 7, \"x\": \"inv");
            };
            lines.set(at, bad);
            Path file = dir.resolve("set-" + i + ".jsonl");
            Files.write(file, lines, StandardCharsets.UTF_8);
            long t0 = cpuNanos();
            try {
                GoldenSet.load(file);
            } catch (RuntimeException e) {
                assertThat(e).as("case %d: %s", i, bad.length() > 100 ? bad.substring(0, 100) : bad)
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(e.getMessage()).as("case %d", i).contains(file + ":" + (at + 1) + ":");
                refused++;
            }
            assertThat((cpuNanos() - t0) / 1_000_000).isLessThan(10_000);
        }
        System.out.println("reliability: [" + (longForm ? "long" : "short") + "] bad golden sets: " + cases
                + " broken files, " + refused + " refused naming file and line, the rest still valid sets");
    }

    /** The current thread's CPU time: a bound on it holds on a shared machine, where wall-clock time does not. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
