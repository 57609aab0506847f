package dev.arbiter.eval.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.eval.EvalHarness;
import dev.arbiter.eval.EvalSubject;
import dev.arbiter.eval.EvalSuite;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GoldenSet;
import dev.arbiter.eval.Progress;
import dev.arbiter.eval.Scorers;
import dev.arbiter.eval.report.JsonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs small golden-set tests (the nested fixtures) through the JUnit launcher and checks how they end. */
class GoldenSetExtensionTest {

    /** Set while this test launches a fixture, so that the fixtures are skipped when run any other way. */
    static volatile boolean launching;
    static volatile Path reports;
    static volatile Map<String, String> answers;

    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        launching = false;
        System.clearProperty(GoldenSetExtension.UPDATE_BASELINE);
    }

    static final GoldenSet<String, String> CAPITALS = GoldenSet.<String, String>builder("capitals", "1")
            .add("fr", "France", "Paris").add("de", "Germany", "Berlin").add("jp", "Japan", "Tokyo")
            .add("it", "Italy", "Rome").add("es", "Spain", "Madrid").add("pt", "Portugal", "Lisbon")
            .build();

    static void runCapitals(GoldenSetRunner runner, Gate gate) {
        EvalSubject<String, String> ask = (country, generator) ->
                generator.generate(GenerationRequest.of(Message.user(country))).text();
        EvalHarness harness = EvalHarness.builder().progress(Progress.SILENT).generator(request ->
                Generation.ofText(answers.get(((Message.User) request.messages().get(0)).text()))).build();
        runner.run(harness, EvalSuite.builder(CAPITALS, ask).subjectId("atlas").metric("exact", Scorers.exactMatch())
                .build(), gate);
    }

    static class NoBaseline {
        @GoldenSetTest(reports = "target/arbiter-eval-fixture")
        void capitals(GoldenSetRunner runner) {
            Assumptions.assumeTrue(launching);
            reports = runner.reportDirectory();
            runCapitals(runner, Gate.builder().minPassRate("exact", 0.8).build());
        }
    }

    static class WithBaseline {
        @GoldenSetTest(reports = "target/arbiter-eval-fixture", baseline = "target/arbiter-eval-fixture/baseline.json")
        void capitals(GoldenSetRunner runner) {
            Assumptions.assumeTrue(launching);
            reports = runner.reportDirectory();
            runCapitals(runner, Gate.builder().build());
        }
    }

    private static TestExecutionSummary launch(Class<?> fixture) {
        launching = true;
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
        return listener.getSummary();
    }

    private static final Map<String, String> ALL_RIGHT = Map.of("France", "Paris", "Germany", "Berlin", "Japan",
            "Tokyo", "Italy", "Rome", "Spain", "Madrid", "Portugal", "Lisbon");

    @Test
    void aPassingGatePassesTheTestAndWritesTheReports() throws Exception {
        answers = ALL_RIGHT;

        TestExecutionSummary summary = launch(NoBaseline.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(reports).isEqualTo(Path.of("target/arbiter-eval-fixture/NoBaseline/capitals"));
        assertThat(reports.resolve("capitals/report.html")).exists();
        assertThat(reports.resolve("capitals/junit.xml")).exists();
        assertThat(JsonReport.read(reports.resolve("capitals/scorecard.json")).summary("exact").passRate()).isEqualTo(1);
    }

    @Test
    void aFailingGateFailsTheTestWithTheViolation() {
        answers = Map.of("France", "Paris", "Germany", "Bonn", "Japan", "Kyoto", "Italy", "Rome", "Spain", "Madrid",
                "Portugal", "Lisbon");

        TestExecutionSummary summary = launch(NoBaseline.class);

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException().getMessage())
                .startsWith("eval suite 'capitals' failed its gate:\n  FAIL min pass rate of 'exact': 0.667 < 0.800");
    }

    @Test
    void regressionsFromTheBaselineFailTheTestAndAreListed() throws Exception {
        Path baseline = Path.of("target/arbiter-eval-fixture/baseline.json");
        Files.deleteIfExists(baseline);
        answers = ALL_RIGHT;

        TestExecutionSummary missing = launch(WithBaseline.class);
        System.setProperty(GoldenSetExtension.UPDATE_BASELINE, "true");
        TestExecutionSummary created = launch(WithBaseline.class);
        System.clearProperty(GoldenSetExtension.UPDATE_BASELINE);
        TestExecutionSummary same = launch(WithBaseline.class);
        answers = Map.of("France", "Lyon", "Germany", "Bonn", "Japan", "Kyoto", "Italy", "Milan", "Spain", "Sevilla",
                "Portugal", "Lisbon");
        TestExecutionSummary worse = launch(WithBaseline.class);

        assertThat(missing.getFailures().get(0).getException().getMessage())
                .startsWith("baseline target/arbiter-eval-fixture/baseline.json does not exist; to create it from this"
                        + " run, run the test with -Darbiter.eval.updateBaseline=true");
        assertThat(created.getTestsSucceededCount()).isEqualTo(1);
        assertThat(baseline).exists();
        assertThat(same.getTestsSucceededCount()).isEqualTo(1);
        assertThat(worse.getTestsFailedCount()).isEqualTo(1);
        String message = worse.getFailures().get(0).getException().getMessage();
        assertThat(message).contains("FAIL max significant regression of 'exact': pass rate 1.000 -> 0.167,"
                + " 5 regressed / 0 improved, McNemar p=0.0625");
        assertThat(message).contains("regressions (5):", "fr [exact] 1.00 -> 0.00: expected \"Paris\", got \"Lyon\"");
        assertThat(reports.resolve("capitals/comparison.json")).exists();
        assertThat(List.of(missing, created, same, worse)).allMatch(s -> s.getTestsFoundCount() == 1);
    }
}
