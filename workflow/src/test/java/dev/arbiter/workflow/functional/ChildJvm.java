package dev.arbiter.workflow.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a main class of the test classpath in a second JVM, as another service instance would run. */
final class ChildJvm {

    /** What the child printed and how it exited. */
    record Result(List<String> lines, int exitCode) {}

    private ChildJvm() {}

    /** Runs the main class with the arguments, waits up to a minute, and returns its output and exit code. */
    static Result run(Class<?> main, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().collect(Collectors.toList());
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished within a minute", main.getSimpleName()).isTrue();
        return new Result(out, p.exitValue());
    }
}
