package dev.arbiter.eval;

import java.util.List;
import java.util.Objects;

/**
 * The trials of one golden case and what they add up to per metric.
 *
 * <p>With repeats, a case's <em>pass rate</em> for a metric is the fraction of its trials that passed, its
 * <em>flakiness</em> the fraction that disagree with the majority (0 when every trial agrees, 0.5 for a coin
 * flip), and the case <em>passes</em> the metric when more than half of its trials pass (so with one trial, when
 * that trial passes). Comparisons pair cases by id on these case-level verdicts and mean scores.
 *
 * <p>Immutable and thread-safe.
 *
 * @param caseId the golden case's id
 * @param tags the case's tags
 * @param trials the trials, by repeat; never empty
 */
public record CaseResult(String caseId, List<String> tags, List<Trial> trials) {

    public CaseResult {
        Objects.requireNonNull(caseId, "caseId");
        tags = List.copyOf(tags);
        trials = List.copyOf(trials);
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("case '" + caseId + "' has no trials");
        }
    }

    /** Returns how many trials passed the metric. */
    public int passes(String metric) {
        int n = 0;
        for (Trial t : trials) {
            if (t.score(metric).passed()) {
                n++;
            }
        }
        return n;
    }

    /** Returns the fraction of trials that passed the metric. */
    public double passRate(String metric) {
        return (double) passes(metric) / trials.size();
    }

    /** Returns whether more than half of the trials passed the metric. */
    public boolean passed(String metric) {
        return passes(metric) * 2 > trials.size();
    }

    /** Returns the mean score of the metric over the trials. */
    public double meanScore(String metric) {
        double sum = 0;
        for (Trial t : trials) {
            sum += t.score(metric).value();
        }
        return sum / trials.size();
    }

    /** Returns the fraction of trials that disagree with the majority on the metric: 0 (stable) to 0.5. */
    public double flakiness(String metric) {
        int p = passes(metric);
        return (double) Math.min(p, trials.size() - p) / trials.size();
    }

    /** Returns whether the trials disagree on the metric. */
    public boolean flaky(String metric) {
        int p = passes(metric);
        return p > 0 && p < trials.size();
    }

    /** Returns whether any trial failed to produce an output. */
    public boolean hasFailures() {
        return trials.stream().anyMatch(t -> t.outcome() instanceof TrialOutcome.Failed);
    }

    /** Returns the sum of the trials' spend. */
    public Spend spend() {
        Spend s = Spend.NONE;
        for (Trial t : trials) {
            s = s.plus(t.spend());
        }
        return s;
    }
}
