package dev.arbiter.examples.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleCassettesTest {

    static final Path DIR = Path.of("eval/invoices");

    @TempDir
    Path tmp;

    @Test
    void theCommittedCassettesAreWhatTheHandWrittenOutputsMake() throws Exception {
        for (String model : new String[] {"model-a", "model-b"}) {
            Path fresh = tmp.resolve(model + ".jsonl");

            ExampleCassettes.write(DIR, model, fresh);

            assertThat(Files.readString(DIR.resolve("cassettes/" + model + ".jsonl")))
                    .as("cassettes/%s.jsonl is out of date: run ExampleCassettes", model)
                    .isEqualTo(Files.readString(fresh));
        }
    }
}
