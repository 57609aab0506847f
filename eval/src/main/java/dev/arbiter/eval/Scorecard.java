package dev.arbiter.eval;

import dev.arbiter.eval.internal.Statistics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The results of one run: what ran ({@link RunInfo}), per case every trial with its scores, and per metric the
 * pass rates overall and per tag, the mean score, the distribution of scores and the flaky cases.
 *
 * <p>Made by {@link EvalHarness#run}, read back from its JSON form by {@code JsonReport.read}, or made in code.
 * Every trial must carry a score for every metric. Immutable and thread-safe.
 */
public final class Scorecard {

    private final RunInfo run;
    private final List<MetricInfo> metrics;
    private final List<CaseResult> cases;
    private final Map<String, MetricSummary> summaries;

    private Scorecard(RunInfo run, List<MetricInfo> metrics, List<CaseResult> cases) {
        this.run = Objects.requireNonNull(run, "run");
        this.metrics = List.copyOf(metrics);
        this.cases = List.copyOf(cases);
        Set<String> names = new HashSet<>();
        for (MetricInfo m : this.metrics) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("metric '" + m.name() + "' is listed twice");
            }
        }
        Set<String> ids = new HashSet<>();
        for (CaseResult c : this.cases) {
            if (!ids.add(c.caseId())) {
                throw new IllegalArgumentException("case '" + c.caseId() + "' is listed twice");
            }
            for (Trial t : c.trials()) {
                if (!t.scores().keySet().equals(names)) {
                    throw new IllegalArgumentException("case '" + c.caseId() + "' trial " + t.repeat()
                            + " has scores for " + t.scores().keySet() + ", not for the metrics " + names);
                }
            }
        }
        Map<String, MetricSummary> s = new LinkedHashMap<>();
        for (MetricInfo m : this.metrics) {
            s.put(m.name(), summarize(m));
        }
        this.summaries = s;
    }

    /**
     * Returns a scorecard of the results.
     *
     * @throws IllegalArgumentException if a metric or case is listed twice, or a trial lacks a metric's score
     */
    public static Scorecard of(RunInfo run, List<MetricInfo> metrics, List<CaseResult> cases) {
        return new Scorecard(run, metrics, cases);
    }

    private MetricSummary summarize(MetricInfo info) {
        String name = info.name();
        List<Double> values = new ArrayList<>();
        int passedTrials = 0;
        int passedCases = 0;
        int flaky = 0;
        Map<String, int[]> byTag = new TreeMap<>();
        for (CaseResult c : cases) {
            int p = c.passes(name);
            passedTrials += p;
            passedCases += c.passed(name) ? 1 : 0;
            flaky += c.flaky(name) ? 1 : 0;
            c.trials().forEach(t -> values.add(t.score(name).value()));
            for (String tag : c.tags()) {
                int[] counts = byTag.computeIfAbsent(tag, k -> new int[2]);
                counts[0] += p;
                counts[1] += c.trials().size();
            }
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Double> rates = new TreeMap<>();
        byTag.forEach((tag, counts) -> rates.put(tag, (double) counts[0] / counts[1]));
        List<Integer> histogram = new ArrayList<>();
        for (int count : Statistics.histogram(v, MetricSummary.BINS)) {
            histogram.add(count);
        }
        return new MetricSummary(info, v.length, v.length == 0 ? 0 : (double) passedTrials / v.length,
                cases.isEmpty() ? 0 : (double) passedCases / cases.size(), v.length == 0 ? 0 : Statistics.mean(v),
                histogram, flaky, rates);
    }

    /** What ran. */
    public RunInfo run() {
        return run;
    }

    /** The metrics, in the suite's order. */
    public List<MetricInfo> metrics() {
        return metrics;
    }

    /** The metric names, in the suite's order. */
    public List<String> metricNames() {
        return metrics.stream().map(MetricInfo::name).toList();
    }

    /** The results per case, in the golden set's order. */
    public List<CaseResult> cases() {
        return cases;
    }

    /** The summaries per metric, in the suite's order. */
    public List<MetricSummary> summaries() {
        return List.copyOf(summaries.values());
    }

    /**
     * Returns the summary of the metric.
     *
     * @throws IllegalArgumentException naming the known metrics when there is no such metric
     */
    public MetricSummary summary(String metric) {
        MetricSummary s = summaries.get(metric);
        if (s == null) {
            throw new IllegalArgumentException("no metric '" + metric + "' in this scorecard; metrics: "
                    + summaries.keySet());
        }
        return s;
    }

    /** Returns the result of the case. */
    public Optional<CaseResult> caseResult(String caseId) {
        return cases.stream().filter(c -> c.caseId().equals(caseId)).findFirst();
    }

    /** Returns every tag of every case, sorted. */
    public Set<String> tags() {
        Set<String> tags = new TreeSet<>();
        cases.forEach(c -> tags.addAll(c.tags()));
        return tags;
    }

    /** Returns the number of trials that failed to produce an output. */
    public int failedTrials() {
        int n = 0;
        for (CaseResult c : cases) {
            n += (int) c.trials().stream().filter(t -> t.outcome() instanceof TrialOutcome.Failed).count();
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Scorecard{" + run.suite() + ", " + run.subjectId() + ", "
                + cases.size() + " cases");
        for (MetricSummary m : summaries.values()) {
            s.append(", ").append(m.name()).append('=').append(String.format(java.util.Locale.ROOT, "%.3f",
                    m.passRate()));
        }
        return s.append('}').toString();
    }
}
