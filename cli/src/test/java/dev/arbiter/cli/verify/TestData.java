package dev.arbiter.cli.verify;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared third-party data: the {@code arbiter.data.dir} property, else {@code ../shared/data} beside the repository. */
final class TestData {

    private TestData() {}

    static Path dir() {
        String property = System.getProperty("arbiter.data.dir");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("../shared/data").normalize();
    }
}
