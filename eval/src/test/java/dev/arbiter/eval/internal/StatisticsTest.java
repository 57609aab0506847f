package dev.arbiter.eval.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every figure here was computed by hand; the derivation is in the comment above it. */
class StatisticsTest {

    @Test
    void mcnemarMatchesTheBinomialTailComputedByHand() {
        // b=1, c=6: n=7, P(X<=1) = (C(7,0)+C(7,1))/2^7 = 8/128 = 0.0625, two-sided 0.125
        assertThat(Statistics.mcnemarExactPValue(1, 6)).isCloseTo(0.125, within(1e-12));
        // b=0, c=5: P(X<=0) = 1/32, two-sided 0.0625
        assertThat(Statistics.mcnemarExactPValue(5, 0)).isCloseTo(0.0625, within(1e-12));
        // b=2, c=10: n=12, P(X<=2) = (1+12+66)/4096 = 79/4096, two-sided 158/4096 = 0.03857421875
        assertThat(Statistics.mcnemarExactPValue(10, 2)).isCloseTo(0.03857421875, within(1e-12));
        // b=3, c=3: P(X<=3) of n=6 is 42/64 > 0.5, so the p-value is capped at 1
        assertThat(Statistics.mcnemarExactPValue(3, 3)).isEqualTo(1.0);
        // no discordant pair: no evidence at all
        assertThat(Statistics.mcnemarExactPValue(0, 0)).isEqualTo(1.0);
    }

    @Test
    void mcnemarStaysFiniteForThousandsOfPairs() {
        // b=0, c=2000: 2 * 2^-2000 underflows to 0 in double; in log space it is still 0 and not NaN
        assertThat(Statistics.mcnemarExactPValue(0, 2000)).isGreaterThanOrEqualTo(0.0).isLessThan(1e-300);
        // b=c=1000 is no evidence: P(X<=1000) for n=2000 is just above 0.5, so p = 1
        assertThat(Statistics.mcnemarExactPValue(1000, 1000)).isEqualTo(1.0);
        assertThatThrownBy(() -> Statistics.mcnemarExactPValue(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bootstrapOfAConstantDifferenceIsThatDifference() {
        double[] before = {0.2, 0.5, 0.7, 0.1};
        double[] after = {0.4, 0.7, 0.9, 0.3};

        double[] ci = Statistics.pairedBootstrapCi(before, after, 1000, 0.95, 1);

        assertThat(ci[0]).isCloseTo(0.2, within(1e-12));
        assertThat(ci[1]).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void bootstrapOfTwoPairsSpansTheWholeRange() {
        // differences {0, 1}: a resample mean is 0 (p=1/4), 0.5 (p=1/2) or 1 (p=1/4); the 2.5% quantile is 0 and
        // the 97.5% quantile is 1 (each end holds about a quarter of the resamples)
        double[] ci = Statistics.pairedBootstrapCi(new double[] {0, 0}, new double[] {0, 1}, 10_000, 0.95, 7);

        assertThat(ci).containsExactly(0.0, 1.0);
    }

    @Test
    void bootstrapAgreesWithTheNormalApproximationOnALargeSample() {
        // 400 pairs, difference -1 in 100 of them: mean -0.25, sd of the mean sqrt(0.25*0.75/400) = 0.021651;
        // a 95% interval is about -0.25 +- 1.96 * 0.021651 = [-0.2924, -0.2076]
        double[] before = new double[400];
        double[] after = new double[400];
        for (int i = 0; i < 100; i++) {
            before[i] = 1;
        }
        double[] ci = Statistics.pairedBootstrapCi(before, after, 20_000, 0.95, 11);

        assertThat(ci[0]).isCloseTo(-0.2924, within(0.006));
        assertThat(ci[1]).isCloseTo(-0.2076, within(0.006));
    }

    @Test
    void bootstrapIsReproducibleForASeed() {
        double[] a = {0.1, 0.9, 0.4, 0.5, 0.3};
        double[] b = {0.3, 0.2, 0.8, 0.5, 0.6};

        assertThat(Statistics.pairedBootstrapCi(a, b, 5000, 0.9, 42))
                .containsExactly(Statistics.pairedBootstrapCi(a, b, 5000, 0.9, 42));
        assertThatThrownBy(() -> Statistics.pairedBootstrapCi(a, new double[] {1}, 10, 0.9, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cohensKappaMatchesTheTextbookExample() {
        // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15. po = 35/50 = 0.7;
        // A says yes 25/50, B says yes 30/50: pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4
        assertThat(Statistics.cohensKappa(new long[][] {{20, 5}, {10, 15}})).isCloseTo(0.4, within(1e-12));
        // perfect agreement: 1; agreement exactly at chance level: 0
        assertThat(Statistics.cohensKappa(new long[][] {{7, 0}, {0, 3}})).isCloseTo(1.0, within(1e-12));
        assertThat(Statistics.cohensKappa(new long[][] {{1, 1}, {1, 1}})).isCloseTo(0.0, within(1e-12));
        // both raters said yes to everything: chance agreement is 1 and kappa is undefined
        assertThat(Statistics.cohensKappa(new long[][] {{5, 0}, {0, 0}})).isNaN();
    }

    @Test
    void histogramPutsOneInTheLastBin() {
        assertThat(Statistics.histogram(new double[] {0, 0.05, 0.1, 0.55, 0.99, 1.0}, 10))
                .containsExactly(2, 1, 0, 0, 0, 1, 0, 0, 0, 2);
    }
}
