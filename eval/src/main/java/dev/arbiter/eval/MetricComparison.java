package dev.arbiter.eval;

import java.util.Objects;

/**
 * How one metric changed between a baseline and a candidate run, over the cases both ran (paired by id).
 *
 * <p>Pass/fail is compared with McNemar's exact test on the discordant pairs ({@code regressions}: passed before,
 * fail now; {@code improvements}: the reverse). Mean scores are compared with a paired bootstrap confidence
 * interval of the mean difference (candidate minus baseline). The change is a <em>significant regression</em>
 * when McNemar's p-value is below alpha with more regressions than improvements, or when the whole confidence
 * interval lies below 0. Immutable and thread-safe.
 *
 * @param metric the metric's name
 * @param pairs the number of cases both runs scored
 * @param baselinePassRate the fraction of paired cases that passed in the baseline
 * @param candidatePassRate the fraction of paired cases that pass in the candidate
 * @param regressions cases that passed in the baseline and fail in the candidate
 * @param improvements cases that failed in the baseline and pass in the candidate
 * @param pValue McNemar's exact two-sided p-value (1 when there is no discordant pair)
 * @param meanScoreDelta the mean of candidate minus baseline case scores
 * @param ciLow the lower end of the bootstrap confidence interval of {@code meanScoreDelta}
 * @param ciHigh the upper end of that interval
 * @param significantRegression whether the change is a significant regression
 */
public record MetricComparison(String metric, int pairs, double baselinePassRate, double candidatePassRate,
        int regressions, int improvements, double pValue, double meanScoreDelta, double ciLow, double ciHigh,
        boolean significantRegression) {

    public MetricComparison {
        Objects.requireNonNull(metric, "metric");
    }

    /** Returns how much the pass rate dropped (negative when it rose). */
    public double passRateDrop() {
        return baselinePassRate - candidatePassRate;
    }
}
