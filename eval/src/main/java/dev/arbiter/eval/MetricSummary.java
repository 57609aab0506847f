package dev.arbiter.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one metric adds up to over a run: pass rates overall and per tag, the mean score, the distribution of
 * scores and the flaky cases. Computed by {@link Scorecard}; immutable and thread-safe.
 *
 * @param info the metric's name and judge information
 * @param trials the number of trials scored
 * @param passRate the fraction of trials that passed
 * @param casePassRate the fraction of cases that passed (more than half of their trials passed)
 * @param meanScore the mean score over the trials
 * @param histogram counts of trial scores in ten equal bins over [0, 1] (a score of 1 counts in the last bin)
 * @param flakyCases the number of cases whose trials disagree
 * @param passRateByTag the trial pass rate of the cases carrying each tag, by tag name in sorted order
 */
public record MetricSummary(MetricInfo info, int trials, double passRate, double casePassRate, double meanScore,
        List<Integer> histogram, int flakyCases, Map<String, Double> passRateByTag) {

    /** The number of bins of {@link #histogram()}. */
    public static final int BINS = 10;

    public MetricSummary {
        Objects.requireNonNull(info, "info");
        histogram = List.copyOf(histogram);
        if (histogram.size() != BINS) {
            throw new IllegalArgumentException("a histogram has " + BINS + " bins, was " + histogram.size());
        }
        passRateByTag = Map.copyOf(passRateByTag);
    }

    /** The metric's name. */
    public String name() {
        return info.name();
    }
}
