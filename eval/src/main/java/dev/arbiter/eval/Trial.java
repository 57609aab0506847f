package dev.arbiter.eval;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the subject on one case, with its scores: a case run {@code N} times has {@code N} trials.
 * Immutable and thread-safe.
 *
 * @param repeat which run this is, from 0
 * @param outcome the output or the failure
 * @param scores the score of each metric, in the suite's metric order
 * @param spend what the run cost
 * @param latency the wall time of the subject's run
 */
public record Trial(int repeat, TrialOutcome outcome, Map<String, Score> scores, Spend spend, Duration latency) {

    public Trial {
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be >= 0, was " + repeat);
        }
        Objects.requireNonNull(outcome, "outcome");
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(latency, "latency");
    }

    /**
     * Returns the score of the metric.
     *
     * @throws IllegalArgumentException if the trial has no score of that name
     */
    public Score score(String metric) {
        Score s = scores.get(metric);
        if (s == null) {
            throw new IllegalArgumentException("no metric '" + metric + "' in this trial; metrics: " + scores.keySet());
        }
        return s;
    }
}
