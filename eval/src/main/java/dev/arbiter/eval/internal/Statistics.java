package dev.arbiter.eval.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of comparisons and judge agreement: McNemar's exact test, a paired bootstrap confidence
 * interval and Cohen's kappa. Stateless and thread-safe; results depend only on the arguments (the bootstrap's
 * random numbers come from a {@link SplittableRandom} of the given seed, the same in every JVM).
 */
public final class Statistics {

    private static final double LN2 = Math.log(2.0);

    private Statistics() {}

    /**
     * Returns the two-sided p-value of McNemar's exact test for paired pass/fail outcomes: under the null
     * hypothesis the {@code b + c} discordant pairs split evenly, so the p-value is
     * {@code min(1, 2 * P(X <= min(b, c)))} for {@code X ~ Binomial(b + c, 1/2)}; 1 when there is no discordant
     * pair.
     *
     * @param b pairs that passed in the baseline and failed in the candidate
     * @param c pairs that failed in the baseline and passed in the candidate
     */
    public static double mcnemarExactPValue(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, were " + b + " and " + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        return Math.min(1.0, 2.0 * binomialHalfCdf(Math.min(b, c), n));
    }

    /** Returns {@code P(X <= k)} for {@code X ~ Binomial(n, 1/2)}, summed in log space so large n does not underflow. */
    static double binomialHalfCdf(int k, int n) {
        double logC = 0.0;
        double max = Double.NEGATIVE_INFINITY;
        double[] logTerms = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logC += Math.log(n - i + 1) - Math.log(i);
            }
            logTerms[i] = logC - n * LN2;
            max = Math.max(max, logTerms[i]);
        }
        double sum = 0.0;
        for (double t : logTerms) {
            sum += Math.exp(t - max);
        }
        return Math.min(1.0, Math.exp(max + Math.log(sum)));
    }

    /**
     * Returns the percentile bootstrap confidence interval {@code [low, high]} of the mean paired difference
     * {@code candidate[i] - baseline[i]}: {@code resamples} times, draw {@code n} pairs with replacement and take
     * the mean difference; the interval is the {@code (1 - confidence) / 2} and {@code (1 + confidence) / 2}
     * quantiles (nearest rank) of those means.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or the parameters are out of range
     */
    public static double[] pairedBootstrapCi(double[] baseline, double[] candidate, int resamples, double confidence,
            long seed) {
        if (baseline.length != candidate.length || baseline.length == 0) {
            throw new IllegalArgumentException("paired samples must be non-empty and of one length, were "
                    + baseline.length + " and " + candidate.length);
        }
        if (resamples < 1 || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("need resamples >= 1 and 0 < confidence < 1, were " + resamples
                    + " and " + confidence);
        }
        int n = baseline.length;
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = candidate[i] - baseline[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += diff[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1.0 - confidence) / 2.0;
        return new double[] {quantile(means, tail), quantile(means, 1.0 - tail)};
    }

    /** Returns the nearest-rank quantile of sorted values: the value at rank {@code ceil(q * n)}. */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Returns Cohen's kappa of a square confusion matrix (rows: one rater's categories, columns: the other's):
     * {@code (po - pe) / (1 - pe)}, or {@code NaN} when {@code pe} is 1.
     */
    public static double cohensKappa(long[][] confusion) {
        int k = confusion.length;
        long total = 0;
        long[] rows = new long[k];
        long[] cols = new long[k];
        long diagonal = 0;
        for (int i = 0; i < k; i++) {
            if (confusion[i].length != k) {
                throw new IllegalArgumentException("the confusion matrix must be square");
            }
            for (int j = 0; j < k; j++) {
                long v = confusion[i][j];
                if (v < 0) {
                    throw new IllegalArgumentException("confusion counts must be >= 0");
                }
                rows[i] += v;
                cols[j] += v;
                total += v;
                if (i == j) {
                    diagonal += v;
                }
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("the confusion matrix is empty");
        }
        double po = (double) diagonal / total;
        double pe = 0;
        for (int i = 0; i < k; i++) {
            pe += ((double) rows[i] / total) * ((double) cols[i] / total);
        }
        if (pe >= 1.0 - 1e-12) {
            return Double.NaN;
        }
        return (po - pe) / (1.0 - pe);
    }

    /** Returns the mean of the values. */
    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** Returns counts of values in {@code bins} equal bins over [0, 1]; 1 falls in the last bin. */
    public static int[] histogram(double[] values, int bins) {
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, Math.max(0, (int) Math.floor(v * bins)))]++;
        }
        return counts;
    }
}
