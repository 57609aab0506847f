package dev.arbiter.eval;

import static dev.arbiter.eval.Cards.card;
import static dev.arbiter.eval.Cards.concat;
import static dev.arbiter.eval.Cards.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {

    @Test
    void aPassRateAtTheMinimumPasses() {
        GateResult result = Gate.builder().minPassRate("fields", 0.75).build().evaluate(card("v1", 1, 1, 1, 0));

        assertThat(result).isInstanceOf(GateResult.Passed.class);
        assertThat(result.checks()).extracting(Object::toString)
                .containsExactly("ok   min pass rate of 'fields': 0.750 >= 0.750");
    }

    @Test
    void aPassRateBelowTheMinimumFails() {
        GateResult result = Gate.builder().minPassRate("fields", 0.8).build().evaluate(card("v1", 1, 1, 1, 0));

        assertThat(result.passed()).isFalse();
        assertThat(((GateResult.Failed) result).violations()).extracting(GateResult.Check::message)
                .containsExactly("0.750 < 0.800");
    }

    @Test
    void aThresholdOnAMetricTheRunLacksFails() {
        GateResult result = Gate.builder().minPassRate("faithfulness", 0.5).build().evaluate(card("v1", 1));

        assertThat(result.passed()).isFalse();
        assertThat(result.checks().get(0).message()).isEqualTo("the scorecard has no metric 'faithfulness' (it has"
                + " [fields])");
    }

    @Test
    void aSignificantRegressionFailsTheGate() {
        Scorecard baseline = card("v1", concat(repeat(1, 7), repeat(1, 13)));
        Scorecard candidate = card("v2", concat(repeat(0, 7), repeat(1, 13)));

        GateResult result = Gate.builder().build().evaluate(Comparison.of(baseline, candidate));

        assertThat(result.passed()).isFalse();
        assertThat(result.checks().get(0).rule()).isEqualTo("max significant regression of 'fields'");
        assertThat(result.checks().get(0).message()).startsWith("pass rate 1.000 -> 0.650, 7 regressed / 0 improved,"
                + " McNemar p=0.0156").endsWith("significant, drop 0.350 > 0.000");
    }

    @Test
    void aSignificantRegressionWithinTheAllowedDropPasses() {
        Scorecard baseline = card("v1", concat(repeat(1, 7), repeat(1, 93)));
        Scorecard candidate = card("v2", concat(repeat(0, 7), repeat(1, 93)));

        GateResult strict = Gate.builder().build().evaluate(Comparison.of(baseline, candidate));
        GateResult lenient = Gate.builder().maxRegression(0.1).build().evaluate(Comparison.of(baseline, candidate));

        assertThat(strict.passed()).isFalse();
        assertThat(lenient.passed()).isTrue();
    }

    @Test
    void aRegressionThatIsNotSignificantPasses() {
        Scorecard baseline = card("v1", concat(new double[] {1, 1, 0}, repeat(1, 17)));
        Scorecard candidate = card("v2", concat(new double[] {0, 0, 1}, repeat(1, 17)));

        GateResult result = Gate.builder().build().evaluate(Comparison.of(baseline, candidate));

        assertThat(result.passed()).isTrue();
        assertThat(result.checks().get(0).message()).endsWith("; not significant");
    }

    private static Scorecard judged(JudgeAgreement agreement) {
        Scorecard c = card("v1", 1, 1);
        List<CaseResult> cases = c.cases().stream().map(r -> new CaseResult(r.caseId(), r.tags(), List.of(
                new Trial(0, r.trials().get(0).outcome(), Map.of("helpful", Score.pass("judge 5/5")), Spend.NONE,
                        Duration.ZERO)))).toList();
        return Scorecard.of(c.run(), List.of(MetricInfo.judge("helpful", agreement)), cases);
    }

    @Test
    void aJudgeWhoseAgreementWasNotMeasuredCannotPassTheGate() {
        GateResult result = Gate.builder().minPassRate("helpful", 0.5).build().evaluate(judged(null));

        assertThat(result.passed()).isFalse();
        assertThat(result.checks().get(1).message()).startsWith("the LLM judge's agreement with human labels was not"
                + " measured");
    }

    @Test
    void aJudgeNeedsTheMinimumKappa() {
        JudgeAgreement good = new JudgeAgreement(40, 3, 2, 15);
        JudgeAgreement poor = new JudgeAgreement(20, 5, 10, 15);

        assertThat(Gate.builder().minPassRate("helpful", 0.5).build().evaluate(judged(good)).passed()).isTrue();
        GateResult result = Gate.builder().minPassRate("helpful", 0.5).build().evaluate(judged(poor));
        assertThat(result.passed()).isFalse();
        assertThat(result.checks().get(1).message()).isEqualTo("kappa 0.400 < 0.600 (raw agreement 0.700 on 50 labels)");
        assertThat(Gate.builder().minPassRate("helpful", 0.5).minJudgeKappa(0.3).build().evaluate(judged(poor))
                .passed()).isTrue();
    }

    @Test
    void thresholdsOutOfRangeAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gate.builder().minPassRate("x", 1.2))
                .hasMessage("min pass rate of x must be between 0 and 1, was 1.2");
    }
}
