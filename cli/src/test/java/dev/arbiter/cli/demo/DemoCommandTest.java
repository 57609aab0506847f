package dev.arbiter.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    private static String run(DemoCommand c, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = c.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(expectedExit);
        return text;
    }

    @Test
    void withoutAProviderTheDemoRunsOnTheRecordedAnswers(@TempDir Path dir) {
        DemoCommand c = new DemoCommand(Map.of());
        c.out = dir;
        String text = run(c, 0);
        assertThat(text).contains("recorded answers from a cassette: no key, no network")
                .contains("CAUGHT  json-schema").contains("CAUGHT  citations")
                .contains("Escalated to a lawyer").contains("Verified result: 5 risky clauses")
                .contains("ledger explain");
        assertThat(Files.exists(dir.resolve("ledger.jsonl"))).isTrue();
        assertThat(Files.exists(dir.resolve("report.html"))).isTrue();
        // A second run replaces the first one's files and gives the same result.
        assertThat(run(c, 0)).contains("Verified result: 5 risky clauses");
    }

    @Test
    void recordingNeedsAProvider(@TempDir Path dir) {
        DemoCommand c = new DemoCommand(Map.of());
        c.out = dir;
        c.record = true;
        assertThat(run(c, 2)).contains("--record needs a provider");
    }

    @Test
    void offlineIgnoresAConfiguredProvider(@TempDir Path dir) {
        DemoCommand c = new DemoCommand(Map.of("OPENAI_API_KEY", "sk-test-not-used"));
        c.out = dir;
        c.offline = true;
        assertThat(run(c, 0)).contains("no key, no network");
    }

    @Test
    void theEvalFailsTheGateOnTheWorseModelAndSaysWhere(@TempDir Path dir) {
        DemoCommand c = new DemoCommand(Map.of());
        c.out = dir;
        c.eval = true;
        c.evalDir = Path.of("../examples/eval/contracts");
        String text = run(c, 1);
        assertThat(text).contains("model A (baseline):  contract-review@gpt-4o-mini-2024-07-18  gate PASSED")
                .contains("model B (candidate): contract-review@gpt-4.1-nano-2025-04-14  gate FAILED")
                .contains("3.2 rated medium").contains("The gate failed on model B");
        assertThat(Files.exists(dir.resolve("eval/model-b/report.html"))).isTrue();
    }

    @Test
    void theEvalOutsideTheRepositoryNamesWhatIsMissing(@TempDir Path dir) {
        DemoCommand c = new DemoCommand(Map.of());
        c.out = dir;
        c.eval = true;
        c.evalDir = dir.resolve("nowhere");
        assertThat(run(c, 2)).contains("contracts.jsonl is missing");
    }
}
