package dev.arbiter.authority.provenance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link LedgerAppenderMain} process started with this JVM's java binary and class path. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LedgerAppenderMain.class.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child JVM", e);
        }
    }

    /** Waits until the child printed a line starting with the prefix; fails if it exits or times out first. */
    void awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!printed(prefix)) {
            if (!process.isAlive()) {
                reader.join(2_000);
                if (printed(prefix)) return;
                throw new AssertionError("the child exited with " + process.exitValue() + " before printing '"
                        + prefix + "'; it printed " + lines);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the child printed no '" + prefix + "' line within " + timeoutMillis
                        + " ms; it printed " + lines);
            }
            Thread.sleep(5);
        }
    }

    private boolean printed(String prefix) {
        return lines.stream().anyMatch(l -> l.startsWith(prefix));
    }

    /** Kills the child with SIGKILL and returns everything it printed. */
    List<String> kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        return List.copyOf(lines);
    }

    /** Waits for the child to exit and returns everything it printed. */
    List<String> finish(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not finish within " + timeoutSeconds + " s; it printed "
                    + lines.size() + " lines");
        }
        reader.join(10_000);
        if (process.exitValue() != 0) {
            throw new AssertionError("the child exited with " + process.exitValue());
        }
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
