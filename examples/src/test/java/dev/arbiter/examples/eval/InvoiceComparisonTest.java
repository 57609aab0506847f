package dev.arbiter.examples.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.MetricComparison;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.report.JsonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvoiceComparisonTest {

    private static final Path OUT = Path.of("target/invoice-comparison");
    private static InvoiceComparison.Result result;

    @BeforeAll
    static void run() {
        result = InvoiceComparison.run(ExampleCassettesTest.DIR, OUT);
    }

    @Test
    void theBaselineModelPassesItsGate() {
        assertThat(result.baselineGate().passed()).as(result.baselineGate().checks().toString()).isTrue();
        assertThat(result.baseline().summary("fields").passRate()).isEqualTo(0.95);
        assertThat(result.baseline().run().modelIds()).containsExactly("invoice-model-a-2025-01");
    }

    @Test
    void theWorseModelFailsTheGateWithASignificantRegressionOfTheFields() {
        assertThat(result.candidateGate()).isInstanceOf(GateResult.Failed.class);
        assertThat(((GateResult.Failed) result.candidateGate()).violations()).extracting(GateResult.Check::rule)
                .containsExactly("min pass rate of 'valid'", "min pass rate of 'fields'", "min pass rate of 'total'",
                        "max significant regression of 'fields'");
        MetricComparison fields = result.comparison().metric("fields");
        assertThat(fields.regressions()).isEqualTo(8);
        assertThat(fields.improvements()).isZero();
        // McNemar exact: 8 discordant pairs all one way, p = 2 * 2^-8
        assertThat(fields.pValue()).isCloseTo(2.0 / 256, within(1e-12));
        assertThat(fields.significantRegression()).isTrue();
    }

    @Test
    void theRegressionsNameTheCasesThatGotWorse() {
        List<String> fields = result.comparison().regressions().stream().filter(c -> c.metric().equals("fields"))
                .map(CaseChange::caseId).sorted().toList();

        assertThat(fields).containsExactly("inv-003", "inv-004", "inv-006", "inv-007", "inv-009", "inv-011",
                "inv-014", "inv-018");
        assertThat(result.comparison().changes().get(0).kind()).isEqualTo(CaseChange.Kind.REGRESSED);
        assertThat(result.candidate().caseResult("inv-014").orElseThrow().trials().get(0).score("valid")
                .explanation()).startsWith("the output is not JSON: ```json");
    }

    @Test
    void theReportsAreWritten() throws Exception {
        assertThat(result.written()).extracting(p -> p.getFileName().toString())
                .containsExactly("scorecard.json", "comparison.json", "report.html", "junit.xml");
        assertThat(Files.readString(OUT.resolve("report.html"))).contains("Gate FAILED", "id=\"regressions\"",
                "inv-011");
    }

    /** Each trial's output and scores: what a rerun must reproduce (latencies and start times differ). */
    private static List<String> outcomes(Scorecard card) {
        return card.cases().stream().flatMap(c -> c.trials().stream()
                .map(t -> c.caseId() + " " + t.outcome() + " " + t.scores())).toList();
    }

    @Test
    void theCommittedBaselineIsModelAsRunNow() {
        Scorecard committed = JsonReport.read(ExampleCassettesTest.DIR.resolve("baselines/model-a.scorecard.json"));

        assertThat(outcomes(committed)).as("baselines/model-a.scorecard.json is out of date: copy"
                + " target/invoice-comparison/baseline-scorecard.json over it").isEqualTo(outcomes(result.baseline()));
        assertThat(committed.run().goldenSetDigest()).isEqualTo(result.baseline().run().goldenSetDigest());
    }
}
