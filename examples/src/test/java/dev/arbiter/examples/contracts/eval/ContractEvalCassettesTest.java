package dev.arbiter.examples.contracts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractEvalCassettesTest {

    static final Path DIR = Path.of("eval/contracts");

    @TempDir
    Path tmp;

    @Test
    void theCommittedCassettesAreWhatTheHandWrittenAnswersMakeThroughTheReviewPipeline() throws Exception {
        for (String model : ContractEvalCassettes.MODELS) {
            Path fresh = tmp.resolve(model + ".jsonl");

            ContractEvalCassettes.write(DIR, model, fresh);

            assertThat(Files.readString(DIR.resolve("cassettes/" + model + ".jsonl")))
                    .as("cassettes/%s.jsonl is out of date: run ContractEvalCassettes", model)
                    .isEqualTo(Files.readString(fresh));
        }
    }

    @Test
    void anAnswerMeantToBeRepairedThatPassesIsReportedWithItsCase() throws Exception {
        Path dir = copyOfTheEval();
        // Model A's consulting review has a wrong section first, then the repair. Make the first answer right:
        // the review then stops after one answer, and the second is never used.
        String answers = Files.readString(dir.resolve("answers.yaml"))
                .replace("{ref: consulting/4.1, section: \"4.2\"}", "consulting/4.1");
        Files.writeString(dir.resolve("answers.yaml"), answers);

        assertThatThrownBy(() -> ContractEvalCassettes.write(dir, "model-a", tmp.resolve("a.jsonl")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model-a/consulting has 2 answers, and the review stopped after 1");
    }

    @Test
    void aClauseKeyThatIsNotInTheLibraryIsNamed() throws Exception {
        Path dir = copyOfTheEval();
        String answers = Files.readString(dir.resolve("answers.yaml")).replace("- [nda/3.2, nda/7.2", "- [nda/3.9, nda/7.2");
        Files.writeString(dir.resolve("answers.yaml"), answers);

        assertThatThrownBy(() -> ContractEvalCassettes.write(dir, "model-a", tmp.resolve("a.jsonl")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no clause nda/3.9 under clauses");
    }

    private Path copyOfTheEval() throws Exception {
        Path dir = tmp.resolve("eval");
        Files.createDirectories(dir);
        Files.copy(DIR.resolve("answers.yaml"), dir.resolve("answers.yaml"));
        Files.copy(DIR.resolve("contracts.jsonl"), dir.resolve("contracts.jsonl"));
        return dir;
    }
}
