package dev.arbiter.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Thresholds that decide whether a run is good enough to ship: the build fails when the gate does.
 *
 * <p>Checks, in order:
 * <ol>
 * <li><b>Minimum pass rate</b> per metric (trial pass rate, {@link MetricSummary#passRate()}). A metric named in
 *     a threshold that the scorecard lacks fails (fail closed).
 * <li><b>Judges are not trusted blind</b>: every metric scored by an {@link LlmJudge} that a threshold or the
 *     regression check relies on needs a measured agreement with people whose Cohen's kappa is at least
 *     {@code minJudgeKappa} (0.6 by default, "substantial" on the Landis and Koch scale).
 * <li><b>Maximum significant regression</b> (comparisons only): a metric fails when its change is a significant
 *     regression ({@link MetricComparison#significantRegression()}) and it dropped by more than
 *     {@code maxRegression}, where the drop is the larger of the pass-rate drop and the mean-score drop. The
 *     default 0 fails every significant regression.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Gate gate = Gate.builder()
 *         .minPassRate("valid", 1.0)
 *         .minPassRate("fields", 0.9)
 *         .maxRegression(0.02)
 *         .build();
 * GateResult result = gate.evaluate(Comparison.of(baseline, scorecard));
 * }</pre>
 */
public final class Gate {

    private final Map<String, Double> minPassRates;
    private final double maxRegression;
    private final double minJudgeKappa;
    private final boolean checkRegressions;
    private final List<String> order;

    private Gate(Builder b) {
        this.minPassRates = Collections.unmodifiableMap(new LinkedHashMap<>(b.minPassRates));
        this.maxRegression = b.maxRegression;
        this.minJudgeKappa = b.minJudgeKappa;
        this.checkRegressions = b.checkRegressions;
        this.order = List.copyOf(b.minPassRates.keySet());
    }

    /** Returns a builder: no pass-rate thresholds, no significant regression allowed, judges need kappa 0.6. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether comparisons are checked for significant regressions. */
    public boolean checksRegressions() {
        return checkRegressions;
    }

    /** The minimum pass rates by metric, in the order they were set. */
    public Map<String, Double> minPassRates() {
        return minPassRates;
    }

    /** The largest drop allowed for a significant regression. */
    public double maxRegression() {
        return maxRegression;
    }

    /** The lowest kappa a judge metric may have to be relied on. */
    public double minJudgeKappa() {
        return minJudgeKappa;
    }

    /** Checks a run on its own: minimum pass rates and judge agreement. */
    public GateResult evaluate(Scorecard scorecard) {
        List<GateResult.Check> checks = new ArrayList<>();
        passRates(scorecard, checks);
        judges(scorecard, new LinkedHashSet<>(order), checks);
        return GateResult.of(checks);
    }

    /** Checks a comparison: the candidate's pass rates and judges, and the regressions from the baseline. */
    public GateResult evaluate(Comparison comparison) {
        Scorecard candidate = comparison.candidate();
        List<GateResult.Check> checks = new ArrayList<>();
        passRates(candidate, checks);
        Set<String> relied = new LinkedHashSet<>(order);
        if (checkRegressions) {
            comparison.metrics().forEach(m -> relied.add(m.metric()));
        }
        judges(candidate, relied, checks);
        if (checkRegressions) {
            for (MetricComparison m : comparison.metrics()) {
                double drop = Math.max(m.passRateDrop(), -m.meanScoreDelta());
                boolean ok = !m.significantRegression() || drop <= maxRegression + 1e-12;
                checks.add(new GateResult.Check("max significant regression of '" + m.metric() + "'", ok,
                        String.format(Locale.ROOT, "pass rate %.3f -> %.3f, %d regressed / %d improved, McNemar p=%.4f,"
                                + " mean score delta %+.3f [%+.3f, %+.3f]%s", m.baselinePassRate(),
                                m.candidatePassRate(), m.regressions(), m.improvements(), m.pValue(),
                                m.meanScoreDelta(), m.ciLow(), m.ciHigh(), m.significantRegression()
                                        ? String.format(Locale.ROOT, "; significant, drop %.3f %s %.3f", drop,
                                                ok ? "<=" : ">", maxRegression)
                                        : "; not significant")));
            }
        }
        return GateResult.of(checks);
    }

    private void passRates(Scorecard scorecard, List<GateResult.Check> checks) {
        for (String metric : order) {
            double min = minPassRates.get(metric);
            String rule = "min pass rate of '" + metric + "'";
            if (!scorecard.metricNames().contains(metric)) {
                checks.add(new GateResult.Check(rule, false, "the scorecard has no metric '" + metric + "' (it has "
                        + scorecard.metricNames() + ")"));
                continue;
            }
            double rate = scorecard.summary(metric).passRate();
            checks.add(new GateResult.Check(rule, rate >= min - 1e-12,
                    String.format(Locale.ROOT, "%.3f %s %.3f", rate, rate >= min - 1e-12 ? ">=" : "<", min)));
        }
    }

    private void judges(Scorecard scorecard, Set<String> relied, List<GateResult.Check> checks) {
        for (MetricInfo info : scorecard.metrics()) {
            if (!info.isJudge() || !relied.contains(info.name())) {
                continue;
            }
            String rule = "judge agreement of '" + info.name() + "'";
            Optional<JudgeAgreement> a = info.agreement();
            if (a.isEmpty()) {
                checks.add(new GateResult.Check(rule, false, "the LLM judge's agreement with human labels was not"
                        + " measured; measure it with LlmJudge.measureAgreement and attach it with withAgreement"));
                continue;
            }
            double kappa = a.get().kappa();
            boolean ok = !Double.isNaN(kappa) && kappa >= minJudgeKappa;
            checks.add(new GateResult.Check(rule, ok, String.format(Locale.ROOT,
                    "kappa %.3f %s %.3f (raw agreement %.3f on %d labels)", kappa, ok ? ">=" : "<", minJudgeKappa,
                    a.get().rawAgreement(), a.get().examples())));
        }
    }

    @Override
    public String toString() {
        return "Gate{minPassRates=" + minPassRates + ", maxRegression=" + maxRegression + ", minJudgeKappa="
                + minJudgeKappa + (checkRegressions ? "" : ", regressions not checked") + "}";
    }

    /** Builds a {@link Gate}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final Map<String, Double> minPassRates = new LinkedHashMap<>();
        private double maxRegression;
        private double minJudgeKappa = 0.6;
        private boolean checkRegressions = true;

        private Builder() {}

        /** Requires the metric's pass rate to be at least the rate. */
        public Builder minPassRate(String metric, double rate) {
            MetricInfo.checkName(metric);
            unit(rate, "min pass rate of " + metric);
            minPassRates.put(metric, rate);
            return this;
        }

        /** Sets the largest drop a significant regression may have; 0 (none allowed) by default. */
        public Builder maxRegression(double drop) {
            unit(drop, "maxRegression");
            this.maxRegression = drop;
            return this;
        }

        /** Does not check regressions at all: only pass rates and judges. */
        public Builder ignoreRegressions() {
            this.checkRegressions = false;
            return this;
        }

        /** Sets the lowest Cohen's kappa a judge metric may have; between -1 and 1. */
        public Builder minJudgeKappa(double kappa) {
            if (!(kappa >= -1 && kappa <= 1)) {
                throw new IllegalArgumentException("minJudgeKappa must be between -1 and 1, was " + kappa);
            }
            this.minJudgeKappa = kappa;
            return this;
        }

        private static void unit(double x, String what) {
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException(what + " must be between 0 and 1, was " + x);
            }
        }

        /** Builds the gate. */
        public Gate build() {
            return new Gate(this);
        }
    }
}
