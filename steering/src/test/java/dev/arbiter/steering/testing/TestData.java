package dev.arbiter.steering.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates test resources and the shared third-party data. */
public final class TestData {

    private TestData() {}

    /** Returns the shared data folder: the system property {@code arbiter.data.dir}, else {@code ../shared/data}. */
    public static Path dataDir() {
        String configured = System.getProperty("arbiter.data.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) return Path.of(configured);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) return candidate;
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared data not found: set -Darbiter.data.dir");
    }

    /** Returns a classpath resource as UTF-8 text. */
    public static String resource(String name) {
        try (var in = TestData.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a file of the repository (found by walking up from the working directory). */
    public static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) return candidate;
            dir = dir.getParent();
        }
        throw new IllegalStateException("not found in the repository: " + relative);
    }

    /** Reads a file as UTF-8. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
