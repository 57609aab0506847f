package dev.arbiter.examples.contracts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Trial;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractReviewEvalTest {

    @TempDir
    static Path out;

    static ContractReviewEval.Result result;

    @BeforeAll
    static void runTheEval() {
        result = ContractReviewEval.run(ContractEvalCassettesTest.DIR, out);
    }

    @Test
    void theBaselineVerifiesEveryContractAndFindsEveryHighRiskClause() {
        Scorecard a = result.baseline();

        assertThat(result.baselineGate().passed()).isTrue();
        assertThat(a.summary(ContractReviewEval.VERIFIED).passRate()).isEqualTo(1.0);
        assertThat(a.summary(ContractReviewEval.HIGH_RISK).passRate()).isEqualTo(1.0);
        assertThat(a.cases()).hasSize(6);
        // Its one checkable mistake (the IP clause under the wrong section) was caught and repaired: two calls.
        assertThat(a.caseResult("consulting").orElseThrow().spend().providerCalls()).isEqualTo(2);
    }

    @Test
    void theGateFailsOnTheCandidateAndNamesWhy() {
        GateResult gate = result.candidateGate();

        assertThat(gate.passed()).isFalse();
        assertThat(gate.checks()).filteredOn(c -> !c.ok()).extracting(GateResult.Check::rule).contains(
                "min pass rate of 'verified'", "min pass rate of 'high-risk-found'",
                "max significant regression of 'high-risk-found'");
    }

    @Test
    void theRegressionsAreTheJudgementMistakesThatPassEveryCheckAndTheRejectedReview() {
        assertThat(result.comparison().regressions()).extracting(CaseChange::caseId)
                .containsOnly("nda", "saas", "licence");

        // The residuals clause rated medium and the missed data-use clause were verified: only the golden set shows them.
        assertThat(candidateTrial("nda").scores().get(ContractReviewEval.VERIFIED).passed()).isTrue();
        assertThat(candidateTrial("nda").scores().get(ContractReviewEval.HIGH_RISK).explanation())
                .contains("3.2 rated medium");
        assertThat(candidateTrial("saas").scores().get(ContractReviewEval.HIGH_RISK).explanation())
                .contains("4.2 not listed", "5.2 rated medium");
        // The fabricated audit quote was caught on every attempt: the licence review ended rejected, nothing handed over.
        assertThat(candidateTrial("licence").scores().get(ContractReviewEval.VERIFIED).explanation())
                .startsWith("rejected after 3 attempts: HALLUCINATION");
        assertThat(result.candidate().caseResult("licence").orElseThrow().spend().providerCalls()).isEqualTo(3);
        // The paraphrased breach quote was caught and repaired; the report is then right.
        assertThat(result.candidate().caseResult("dpa").orElseThrow().spend().providerCalls()).isEqualTo(2);
        assertThat(candidateTrial("dpa").scores().values()).allSatisfy(s -> assertThat(s.passed()).isTrue());
    }

    @Test
    void theHtmlReportShowsTheRegressionsAndThePrintoutSaysWhereItIs() throws Exception {
        Path html = out.resolve("model-b/report.html");
        String report = Files.readString(html);

        assertThat(report).contains("Regressions", "licence", "saas", "nda", "3.2 rated medium");
        assertThat(out.resolve("model-a/scorecard.json")).exists();
        assertThat(out.resolve("model-b/junit.xml")).exists();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ContractReviewEval.print(result, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("model B (candidate): contract-review@gpt-4.1-nano-2025-04-14  gate FAILED",
                "high-risk clauses missed: 4.2 not listed, 5.2 rated medium", "wrote " + html);
    }

    private static Trial candidateTrial(String caseId) {
        return result.candidate().caseResult(caseId).orElseThrow().trials().get(0);
    }
}
