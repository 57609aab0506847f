package dev.arbiter.examples.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The two forms of the examples' part of the reliability suite, as in the workflow module: the default build runs
 * the short form, {@code -Preliability} sets {@code arbiter.reliability=long}. Each test prints one
 * {@code reliability:} line (also appended to {@code target/reliability-figures.txt}) that docs/reliability.md quotes.
 */
public final class Reliability {

    private Reliability() {}

    /** Returns true under {@code -Preliability}. */
    public static boolean isLong() {
        return "long".equals(System.getProperty("arbiter.reliability"));
    }

    /** Returns {@code shortForm} in the default build and {@code longForm} under {@code -Preliability}. */
    public static int scale(int shortForm, int longForm) {
        return isLong() ? longForm : shortForm;
    }

    /** Prints a figure line and appends it to target/reliability-figures.txt. */
    public static synchronized void figure(String test, String text) {
        String line = "reliability: [" + (isLong() ? "long" : "short") + "] " + test + ": " + text;
        System.out.println(line);
        try {
            Path out = Path.of("target", "reliability-figures.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the printed line is enough
        }
    }
}
