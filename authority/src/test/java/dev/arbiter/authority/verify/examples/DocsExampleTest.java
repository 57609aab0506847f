package dev.arbiter.authority.verify.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/verification.md shows the example verifier and its test verbatim; this keeps them the same. */
class DocsExampleTest {

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Test
    void theGuideShowsTheExampleVerifierAndItsTestAsTheyAre() throws IOException {
        Path root = root();
        String guide = Files.readString(root.resolve("docs/verification.md"));
        Path examples = root.resolve("authority/src/test/java/dev/arbiter/authority/verify/examples");
        assertThat(guide).contains("```java\n" + Files.readString(examples.resolve("NoPlaceholdersVerifier.java")) + "```");
        assertThat(guide).contains("```java\n" + Files.readString(examples.resolve("NoPlaceholdersVerifierTest.java")) + "```");
    }
}
