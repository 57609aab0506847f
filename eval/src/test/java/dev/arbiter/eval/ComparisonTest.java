package dev.arbiter.eval;

import static dev.arbiter.eval.Cards.card;
import static dev.arbiter.eval.Cards.concat;
import static dev.arbiter.eval.Cards.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void regressionsAreListedFirstWithTheLargestDropFirst() {
        Scorecard baseline = card("v1", 1, 1, 0, 1, 0.5);
        Scorecard candidate = card("v2", 0.5, 1, 1, 0, 0.25);

        Comparison c = Comparison.of(baseline, candidate);

        assertThat(c.changes()).extracting(CaseChange::caseId, CaseChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("case-03", CaseChange.Kind.REGRESSED),
                org.assertj.core.groups.Tuple.tuple("case-00", CaseChange.Kind.REGRESSED),
                org.assertj.core.groups.Tuple.tuple("case-04", CaseChange.Kind.SCORE_DOWN),
                org.assertj.core.groups.Tuple.tuple("case-02", CaseChange.Kind.IMPROVED));
        assertThat(c.regressions()).hasSize(2);
        assertThat(c.changes().get(0).baselineExplanation()).isEqualTo("score 1.0");
        assertThat(c.changes().get(0).candidateExplanation()).isEqualTo("score 0.0");
    }

    @Test
    void sevenRegressionsAndNoImprovementIsASignificantRegression() {
        // 20 cases; 7 pass before and fail after, none the other way: McNemar p = 2 * 2^-7 = 0.015625
        Scorecard baseline = card("v1", concat(repeat(1, 7), repeat(1, 10), repeat(0, 3)));
        Scorecard candidate = card("v2", concat(repeat(0, 7), repeat(1, 10), repeat(0, 3)));

        MetricComparison m = Comparison.of(baseline, candidate).metric("fields");

        assertThat(m.pairs()).isEqualTo(20);
        assertThat(m.regressions()).isEqualTo(7);
        assertThat(m.improvements()).isZero();
        assertThat(m.pValue()).isCloseTo(0.015625, within(1e-12));
        assertThat(m.baselinePassRate()).isCloseTo(0.85, within(1e-12));
        assertThat(m.candidatePassRate()).isCloseTo(0.5, within(1e-12));
        assertThat(m.meanScoreDelta()).isCloseTo(-0.35, within(1e-12));
        assertThat(m.ciHigh()).isLessThan(0);
        assertThat(m.significantRegression()).isTrue();
        assertThat(m.passRateDrop()).isCloseTo(0.35, within(1e-12));
    }

    @Test
    void twoRegressionsAgainstOneImprovementIsNotSignificant() {
        // b=2, c=1: p = 2 * P(X<=1 | n=3) = 2 * 4/8 = 1 (capped); the score interval straddles 0
        Scorecard baseline = card("v1", concat(new double[] {1, 1, 0}, repeat(1, 17)));
        Scorecard candidate = card("v2", concat(new double[] {0, 0, 1}, repeat(1, 17)));

        MetricComparison m = Comparison.of(baseline, candidate).metric("fields");

        assertThat(m.pValue()).isEqualTo(1.0);
        assertThat(m.ciLow()).isLessThan(0);
        assertThat(m.ciHigh()).isGreaterThan(0);
        assertThat(m.significantRegression()).isFalse();
    }

    @Test
    void aConsistentScoreDropIsSignificantEvenWithoutPassFailChanges() {
        // every case drops from 0.9 to 0.8: no pass/fail change (both fail at threshold 1) but the whole interval
        // of the mean difference is -0.1
        Scorecard baseline = card("v1", repeat(0.9, 12));
        Scorecard candidate = card("v2", repeat(0.8, 12));

        MetricComparison m = Comparison.of(baseline, candidate).metric("fields");

        assertThat(m.regressions()).isZero();
        assertThat(m.ciLow()).isCloseTo(-0.1, within(1e-9));
        assertThat(m.ciHigh()).isCloseTo(-0.1, within(1e-9));
        assertThat(m.significantRegression()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] before = new double[40];
        double[] after = new double[40];
        for (int i = 0; i < 40; i++) {
            before[i] = (i * 0.37) % 1;
            after[i] = (i * 0.61 + 0.2) % 1;
        }
        Scorecard baseline = card("v1", before);
        Scorecard candidate = card("v2", after);

        MetricComparison a = Comparison.of(baseline, candidate).metric("fields");
        MetricComparison b = Comparison.of(baseline, candidate).metric("fields");
        MetricComparison other = Comparison.of(baseline, candidate,
                new Comparison.Options(1_000, 0.95, 0.05, 99)).metric("fields");

        assertThat(a).isEqualTo(b);
        assertThat(List.of(other.ciLow(), other.ciHigh())).isNotEqualTo(List.of(a.ciLow(), a.ciHigh()));
    }

    @Test
    void casesAndMetricsOnlyOneRunHasAreNotedNotCompared() {
        Scorecard baseline = card("v1", 1, 1, 1);
        Scorecard candidate = card("v2", 1, 1);

        Comparison c = Comparison.of(baseline, candidate);

        assertThat(c.onlyInBaseline()).containsExactly("case-02");
        assertThat(c.metric("fields").pairs()).isEqualTo(2);
        assertThat(c.notes()).containsExactly("1 cases only in the baseline: case-02");
    }

    @Test
    void differentGoldenSetsAreNoted() {
        Scorecard baseline = card("v1", 1);
        RunInfo r = baseline.run();
        Scorecard other = Scorecard.of(new RunInfo(r.suite(), "v2", r.modelIds(), r.contracts(), r.goldenSet(), "4",
                r.goldenSetDigest(), 1, r.startedAt(), r.elapsed(), r.spend()), baseline.metrics(), baseline.cases());

        assertThat(Comparison.of(baseline, other).notes())
                .containsExactly("the golden sets differ: baseline invoices@3, candidate invoices@4");
    }
}
