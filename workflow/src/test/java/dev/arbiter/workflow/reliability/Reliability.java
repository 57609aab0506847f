package dev.arbiter.workflow.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two forms of the reliability suite. The default build runs the short form (seconds); {@code -Preliability}
 * sets {@code arbiter.reliability=long} and the same tests run with the long form's counts. Each test prints one
 * {@code reliability:} line with what it measured, which docs/reliability.md quotes.
 */
final class Reliability {

    private Reliability() {}

    /** Returns true under {@code -Preliability}. */
    static boolean isLong() {
        return "long".equals(System.getProperty("arbiter.reliability"));
    }

    /**
     * Returns the CPU time of the current thread in nanoseconds. Time bounds in these tests are on CPU time, not
     * wall-clock time: on a shared two-core machine a thread can wait seconds for a core, and a bound on its own
     * work is what "bounded time per verification" means.
     */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Returns {@code shortForm} in the default build and {@code longForm} under {@code -Preliability}. */
    static int scale(int shortForm, int longForm) {
        return isLong() ? longForm : shortForm;
    }

    /** The shared third-party data folder (provider fixtures). */
    static Path data() {
        String dir = System.getProperty("arbiter.data.dir");
        return dir != null ? Path.of(dir) : Path.of("../../shared/data");
    }

    /** Prints a figure line (and appends it to target/reliability-figures.txt) for the docs. */
    static synchronized void figure(String test, String text) {
        String line = "reliability: [" + (isLong() ? "long" : "short") + "] " + test + ": " + text;
        System.out.println(line);
        try {
            Path out = Path.of("target", "reliability-figures.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the printed line is enough
        }
    }
}
