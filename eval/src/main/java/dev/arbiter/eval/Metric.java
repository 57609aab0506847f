package dev.arbiter.eval;

import java.util.Objects;

/**
 * A named scorer: one column of a scorecard. The name is a stable id (1 to 64 letters, digits, {@code _ . -}):
 * baselines and gates refer to it. Immutable and thread-safe if the scorer is.
 *
 * @param name the metric's stable id
 * @param scorer the scorer
 */
public record Metric(String name, Scorer scorer) {

    public Metric {
        MetricInfo.checkName(name);
        Objects.requireNonNull(scorer, "scorer of metric " + name);
    }

    /** Returns the metric. */
    public static Metric of(String name, Scorer scorer) {
        return new Metric(name, scorer);
    }

    /** Returns what a scorecard records of this metric: a judge and its measured agreement are noted. */
    public MetricInfo info() {
        if (scorer instanceof LlmJudge judge) {
            return MetricInfo.judge(name, judge.agreement().orElse(null));
        }
        return MetricInfo.scorer(name);
    }
}
