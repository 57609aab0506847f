package dev.arbiter.workflow.reliability;

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

/** A {@link DurabilityChildMain} process started with this JVM's java binary and class path, to be killed. */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildProcess(Process process) {
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

    static ChildProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), DurabilityChildMain.class.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child JVM", e);
        }
    }

    /** Waits until the child printed a line starting with the prefix; fails if it exits or times out first. */
    void awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
            if (!process.isAlive()) {
                reader.join(2_000);
                if (lines.stream().anyMatch(l -> l.startsWith(prefix))) {
                    return;
                }
                throw new AssertionError("the child exited with " + process.exitValue() + " before printing '"
                        + prefix + "'; it printed " + lines);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the child printed no '" + prefix + "' line within " + timeoutMillis + " ms");
            }
            Thread.sleep(5);
        }
    }

    /** Kills the child with SIGKILL (destroyForcibly on Unix) and returns everything it printed. */
    List<String> kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
