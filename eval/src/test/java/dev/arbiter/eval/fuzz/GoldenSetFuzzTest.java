package dev.arbiter.eval.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.eval.GoldenSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the golden-set reader (JSON Lines and YAML): any file is either a golden set or an
 * {@link IllegalArgumentException} whose message starts with the file and a line (or says the set has no cases). Seeds in
 * {@code GoldenSetFuzzTestInputs/}.
 */
class GoldenSetFuzzTest {

    static final Path DIR = directory();

    static Path directory() {
        try {
            return Files.createTempDirectory("golden-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void anyFileIsAGoldenSetOrAnErrorNamingFileAndLine(FuzzedDataProvider data) throws IOException {
        boolean yaml = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        Path file = DIR.resolve(yaml ? "set.yaml" : "set.jsonl");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            GoldenSet<?, ?> set = GoldenSet.load(file);
            assertThat(set.cases()).isNotEmpty();
        } catch (IllegalArgumentException e) {
            // a file without any case holds no line to name
            if (!e.getMessage().equals(file + ": the golden set has no cases")) {
                assertThat(e.getMessage()).as("names the file and line").matches("(?s)"
                        + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: .+");
            }
        }
    }
}
