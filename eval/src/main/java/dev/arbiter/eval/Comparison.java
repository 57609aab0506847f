package dev.arbiter.eval;

import dev.arbiter.eval.internal.Statistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A candidate run compared with a baseline run: per metric the paired significance of the change, per case what
 * changed (regressions first), and what the two runs do not share.
 *
 * <p>Cases are paired by id; cases only one run has are listed, not compared. Metrics are compared when both runs
 * have them. When the golden sets differ in name, version or digest, or the subjects differ, {@link #notes()} says
 * so (comparing two subjects on one set is the point of a comparison; comparing different sets is usually a
 * mistake). Statistics: see {@link MetricComparison}; the bootstrap's random numbers come from the seed in
 * {@link Options}, so a comparison is reproducible. Immutable and thread-safe.
 *
 * <pre>{@code
 * Comparison comparison = Comparison.of(JsonReport.read(baselineFile), scorecard);
 * GateResult result = gate.evaluate(comparison);
 * }</pre>
 */
public final class Comparison {

    private static final double EPSILON = 1e-9;

    /**
     * How comparisons compute their statistics.
     *
     * @param resamples bootstrap resamples; {@code >= 100}
     * @param confidence the bootstrap interval's confidence, e.g. 0.95
     * @param alpha McNemar's significance level, e.g. 0.05
     * @param seed the bootstrap's random seed
     */
    public record Options(int resamples, double confidence, double alpha, long seed) {

        /** 10,000 resamples, 95% confidence, alpha 0.05, seed 20240601. */
        public static final Options DEFAULT = new Options(10_000, 0.95, 0.05, 20240601L);

        public Options {
            if (resamples < 100) {
                throw new IllegalArgumentException("resamples must be >= 100, was " + resamples);
            }
            if (!(confidence > 0 && confidence < 1) || !(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("confidence and alpha must be between 0 and 1, were " + confidence
                        + " and " + alpha);
            }
        }
    }

    private final Scorecard baseline;
    private final Scorecard candidate;
    private final Options options;
    private final List<MetricComparison> metrics;
    private final List<CaseChange> changes;
    private final List<String> onlyInBaseline;
    private final List<String> onlyInCandidate;
    private final List<String> notes;

    private Comparison(Scorecard baseline, Scorecard candidate, Options options) {
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.candidate = Objects.requireNonNull(candidate, "candidate");
        this.options = Objects.requireNonNull(options, "options");
        Map<String, CaseResult> before = new LinkedHashMap<>();
        baseline.cases().forEach(c -> before.put(c.caseId(), c));
        List<CaseResult[]> pairs = new ArrayList<>();
        List<String> onlyCandidate = new ArrayList<>();
        for (CaseResult c : candidate.cases()) {
            CaseResult b = before.remove(c.caseId());
            if (b == null) {
                onlyCandidate.add(c.caseId());
            } else {
                pairs.add(new CaseResult[] {b, c});
            }
        }
        this.onlyInBaseline = List.copyOf(before.keySet());
        this.onlyInCandidate = List.copyOf(onlyCandidate);
        List<MetricComparison> m = new ArrayList<>();
        List<CaseChange> ch = new ArrayList<>();
        for (String metric : candidate.metricNames()) {
            if (baseline.metricNames().contains(metric) && !pairs.isEmpty()) {
                m.add(compare(metric, pairs));
                ch.addAll(changes(metric, pairs));
            }
        }
        ch.sort(Comparator.comparing(CaseChange::kind).thenComparingDouble(c -> Math.abs(c.delta()) * -1)
                .thenComparing(CaseChange::caseId).thenComparing(CaseChange::metric));
        this.metrics = List.copyOf(m);
        this.changes = List.copyOf(ch);
        this.notes = notes(pairs.size());
    }

    /** Compares the runs with {@link Options#DEFAULT}. */
    public static Comparison of(Scorecard baseline, Scorecard candidate) {
        return new Comparison(baseline, candidate, Options.DEFAULT);
    }

    /** Compares the runs with the options. */
    public static Comparison of(Scorecard baseline, Scorecard candidate, Options options) {
        return new Comparison(baseline, candidate, options);
    }

    private MetricComparison compare(String metric, List<CaseResult[]> pairs) {
        int n = pairs.size();
        int b = 0;
        int c = 0;
        int passedBefore = 0;
        int passedAfter = 0;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            boolean p0 = pairs.get(i)[0].passed(metric);
            boolean p1 = pairs.get(i)[1].passed(metric);
            passedBefore += p0 ? 1 : 0;
            passedAfter += p1 ? 1 : 0;
            b += p0 && !p1 ? 1 : 0;
            c += !p0 && p1 ? 1 : 0;
            x[i] = pairs.get(i)[0].meanScore(metric);
            y[i] = pairs.get(i)[1].meanScore(metric);
        }
        double p = Statistics.mcnemarExactPValue(b, c);
        double[] ci = Statistics.pairedBootstrapCi(x, y, options.resamples(), options.confidence(), options.seed());
        double delta = Statistics.mean(y) - Statistics.mean(x);
        boolean significant = (b > c && p < options.alpha()) || ci[1] < -EPSILON;
        return new MetricComparison(metric, n, (double) passedBefore / n, (double) passedAfter / n, b, c, p, delta,
                ci[0], ci[1], significant);
    }

    private static List<CaseChange> changes(String metric, List<CaseResult[]> pairs) {
        List<CaseChange> out = new ArrayList<>();
        for (CaseResult[] pair : pairs) {
            boolean p0 = pair[0].passed(metric);
            boolean p1 = pair[1].passed(metric);
            double s0 = pair[0].meanScore(metric);
            double s1 = pair[1].meanScore(metric);
            CaseChange.Kind kind;
            if (p0 && !p1) {
                kind = CaseChange.Kind.REGRESSED;
            } else if (!p0 && p1) {
                kind = CaseChange.Kind.IMPROVED;
            } else if (s1 < s0 - EPSILON) {
                kind = CaseChange.Kind.SCORE_DOWN;
            } else if (s1 > s0 + EPSILON) {
                kind = CaseChange.Kind.SCORE_UP;
            } else {
                continue;
            }
            out.add(new CaseChange(pair[1].caseId(), metric, kind, s0, s1,
                    pair[0].trials().get(0).score(metric).explanation(),
                    pair[1].trials().get(0).score(metric).explanation()));
        }
        return out;
    }

    private List<String> notes(int pairs) {
        List<String> out = new ArrayList<>();
        RunInfo a = baseline.run();
        RunInfo b = candidate.run();
        if (!a.goldenSet().equals(b.goldenSet()) || !a.goldenSetVersion().equals(b.goldenSetVersion())) {
            out.add("the golden sets differ: baseline " + a.goldenSet() + "@" + a.goldenSetVersion() + ", candidate "
                    + b.goldenSet() + "@" + b.goldenSetVersion());
        } else if (!a.goldenSetDigest().equals(b.goldenSetDigest())) {
            out.add("the golden set " + a.goldenSet() + "@" + a.goldenSetVersion()
                    + " has different content in the two runs (digests differ)");
        }
        if (!onlyInBaseline.isEmpty()) {
            out.add(onlyInBaseline.size() + " cases only in the baseline: " + preview(onlyInBaseline));
        }
        if (!onlyInCandidate.isEmpty()) {
            out.add(onlyInCandidate.size() + " cases only in the candidate: " + preview(onlyInCandidate));
        }
        for (String m : baseline.metricNames()) {
            if (!candidate.metricNames().contains(m)) {
                out.add("metric '" + m + "' is only in the baseline");
            }
        }
        for (String m : candidate.metricNames()) {
            if (!baseline.metricNames().contains(m)) {
                out.add("metric '" + m + "' is only in the candidate");
            }
        }
        if (pairs == 0) {
            out.add("the runs share no case: nothing was compared");
        }
        return List.copyOf(out);
    }

    private static String preview(List<String> ids) {
        return ids.size() <= 5 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 5)) + ", ...";
    }

    /** The baseline run. */
    public Scorecard baseline() {
        return baseline;
    }

    /** The candidate run. */
    public Scorecard candidate() {
        return candidate;
    }

    /** The options the statistics were computed with. */
    public Options options() {
        return options;
    }

    /** The comparison of each metric both runs have, in the candidate's order. */
    public List<MetricComparison> metrics() {
        return metrics;
    }

    /**
     * Returns the comparison of the metric.
     *
     * @throws IllegalArgumentException if the metric was not compared
     */
    public MetricComparison metric(String name) {
        return metrics.stream().filter(m -> m.metric().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("metric '" + name + "' was not compared; compared: "
                        + metrics.stream().map(MetricComparison::metric).toList()));
    }

    /** Every case whose result changed, regressions first, then lower scores, improvements and higher scores. */
    public List<CaseChange> changes() {
        return changes;
    }

    /** The regressions: cases that passed a metric in the baseline and fail it in the candidate. */
    public List<CaseChange> regressions() {
        return changes.stream().filter(c -> c.kind() == CaseChange.Kind.REGRESSED).toList();
    }

    /** Ids of the cases only the baseline ran. */
    public List<String> onlyInBaseline() {
        return onlyInBaseline;
    }

    /** Ids of the cases only the candidate ran. */
    public List<String> onlyInCandidate() {
        return onlyInCandidate;
    }

    /** What a reader should know before trusting the comparison: different sets, unshared cases or metrics. */
    public List<String> notes() {
        return notes;
    }
}
