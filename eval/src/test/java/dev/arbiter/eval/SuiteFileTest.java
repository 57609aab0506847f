package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.testing.CassetteRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteFileTest {

    @TempDir
    Path dir;

    private static final String SYSTEM = "Answer with the capital only.";

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("capitals.jsonl"), """
                {"goldenSet": {"name": "capitals", "version": "2"}}
                {"id": "fr", "input": {"country": "France"}, "expected": "Paris", "tags": ["europe"]}
                {"id": "jp", "input": {"country": "Japan"}, "expected": "Tokyo", "tags": ["asia"]}
                """);
        CassetteRecorder recorder = CassetteRecorder.of(r -> Generation.builder().modelId("model-x")
                .text(((Message.User) r.messages().get(1)).text().contains("France") ? "Paris" : "Kyoto").build(),
                dir.resolve("cassettes/model-x.jsonl"));
        for (String country : new String[] {"France", "Japan"}) {
            recorder.generate(GenerationRequest.builder().addMessage(Message.system(SYSTEM))
                    .addMessage(Message.user("Capital of " + country + "?")).temperature(0.0).build());
        }
        Files.writeString(dir.resolve("outputs.jsonl"), """
                {"id": "fr", "output": "Paris"}
                {"id": "jp", "output": "Tokyo"}
                """);
    }

    private Path suite(String yaml) throws IOException {
        Path p = dir.resolve("suite.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    private static final String CASSETTE_SUITE = """
            name: capitals-suite
            goldenSet: capitals.jsonl
            subject:
              id: capital-bot@model-x
              type: cassette
              cassette: cassettes/model-x.jsonl
              system: Answer with the capital only.
              prompt: "Capital of {{input.country}}?"
              temperature: 0
            contracts: {capitals: fp-1}
            scorers:
              - {name: exact, type: exact}
              - {name: mentions, type: contains, ignoreCase: true}
            gate:
              minPassRate: {exact: 0.9}
            baseline: baselines/model-w.json
            harness: {concurrency: 2}
            prices: {currency: EUR, models: {model-x: {input: 1.0, output: 2.0}}}
            """;

    @Test
    void aCassetteSuiteRunsAsTheFileSays() throws IOException {
        SuiteFile file = SuiteFile.load(suite(CASSETTE_SUITE));

        Scorecard card = file.harness().progress(Progress.SILENT).build().run(file.suite());

        assertThat(card.run().suite()).isEqualTo("capitals-suite");
        assertThat(card.run().subjectId()).isEqualTo("capital-bot@model-x");
        assertThat(card.run().goldenSetVersion()).isEqualTo("2");
        assertThat(card.run().modelIds()).containsExactly("model-x");
        assertThat(card.run().contracts()).containsEntry("capitals", "fp-1");
        assertThat(card.summary("exact").passRate()).isEqualTo(0.5);
        assertThat(card.caseResult("jp").orElseThrow().trials().get(0).score("exact").explanation())
                .isEqualTo("expected \"Tokyo\", got \"Kyoto\"");
        assertThat(file.gate().evaluate(card).passed()).isFalse();
        assertThat(file.baseline()).contains(dir.resolve("baselines/model-w.json"));
        assertThat(file.reports()).isEqualTo(Path.of("target", "arbiter-eval", "capitals-suite"));
    }

    @Test
    void anOutputsSuiteScoresRecordedOutputs() throws IOException {
        SuiteFile file = SuiteFile.load(suite("""
                goldenSet: capitals.jsonl
                subject: {id: batch-2025-03, type: outputs, outputs: outputs.jsonl}
                scorers: [{name: exact, type: exact}]
                reports: out
                """));

        Scorecard card = file.harness().progress(Progress.SILENT).build().run(file.suite());

        assertThat(card.summary("exact").passRate()).isEqualTo(1.0);
        assertThat(file.reports()).isEqualTo(dir.resolve("out"));
        assertThat(file.baseline()).isEmpty();
    }

    @Test
    void aPromptTheCassetteDoesNotHoldFailsTheTrialNamingTheClosestRecording() throws IOException {
        SuiteFile file = SuiteFile.load(suite(CASSETTE_SUITE.replace("Capital of {{input.country}}?",
                "What is the capital of {{input.country}}?")));

        Scorecard card = file.harness().progress(Progress.SILENT).build().run(file.suite());

        TrialOutcome.Failed failed = (TrialOutcome.Failed) card.cases().get(0).trials().get(0).outcome();
        assertThat(failed.kind()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.message()).contains("is not on the cassette").contains("closest");
    }

    @Test
    void mistakesNameTheFileAndTheMember() throws IOException {
        assertThatThrownBy(() -> SuiteFile.load(suite(CASSETTE_SUITE.replace("type: exact", "type: exactly"))))
                .hasMessageContaining("suite.yaml: /scorers/0/type: unknown scorer type 'exactly'");
        assertThatThrownBy(() -> SuiteFile.load(suite(CASSETTE_SUITE.replace("harness:", "harnes:"))))
                .hasMessageContaining("suite.yaml: /harnes: unknown member");
        assertThatThrownBy(() -> SuiteFile.load(suite(CASSETTE_SUITE.replace("{{input.country}}", "{{country}}"))))
                .hasMessageContaining("suite.yaml: /subject/prompt: unknown placeholder {{country}}");
        assertThatThrownBy(() -> SuiteFile.load(suite(CASSETTE_SUITE.replace("{exact: 0.9}", "{exact: 9}"))))
                .hasMessageContaining("suite.yaml: /gate/minPassRate/exact: must be a number from 0.0 to 1.0");
        assertThatThrownBy(() -> SuiteFile.load(suite(CASSETTE_SUITE.replace("concurrency: 2", "concurrency: 0"))))
                .hasMessageContaining("suite.yaml: /harness/concurrency: must be an integer from 1 to 1024, was 0");
        assertThatThrownBy(() -> SuiteFile.load(suite(CASSETTE_SUITE.replace("capitals.jsonl", "nope.jsonl"))))
                .hasMessageContaining("nope.jsonl");
        assertThatThrownBy(() -> SuiteFile.load(suite("subject: [")))
                .hasMessageContaining("suite.yaml:1: not valid YAML");
    }

    @Test
    void aJudgeInASuiteFileHasItsAgreementMeasuredFromTheLabels() throws IOException {
        CassetteRecorder judge = CassetteRecorder.of(r -> Generation.ofText("{\"score\": 5, \"reasoning\": \"ok\"}"),
                dir.resolve("judge.jsonl"));
        LlmJudge recording = LlmJudge.of(judge, Rubric.of("right", "Names the right capital."));
        recording.score(ScoringContext.of(GoldenCase.of("fr", "France", "Paris"), "Paris"));
        recording.score(ScoringContext.of(GoldenCase.of("fr2", "France", "Paris"), "Lyon"));
        Files.writeString(dir.resolve("labels.jsonl"), """
                {"id": "1", "input": "France", "expected": "Paris", "output": "Paris", "pass": true}
                {"id": "2", "input": "France", "expected": "Paris", "output": "Lyon", "pass": false}
                """);

        SuiteFile file = SuiteFile.load(suite("""
                goldenSet: capitals.jsonl
                subject: {id: batch, type: outputs, outputs: outputs.jsonl}
                scorers:
                  - name: right
                    type: judge
                    cassette: judge.jsonl
                    labels: labels.jsonl
                    rubric: {criteria: Names the right capital.}
                """));

        MetricInfo info = file.suite().metrics().get(0).info();
        assertThat(info.isJudge()).isTrue();
        // the recorded judge passed both outputs; people passed one: agreement 1/2, kappa 0
        assertThat(info.agreement().orElseThrow()).isEqualTo(new JudgeAgreement(1, 1, 0, 0));
    }
}
