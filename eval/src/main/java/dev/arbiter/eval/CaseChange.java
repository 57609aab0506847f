package dev.arbiter.eval;

import java.util.Objects;

/**
 * How one case's result on one metric changed between a baseline and a candidate run. Immutable and thread-safe.
 *
 * @param caseId the case's id
 * @param metric the metric's name
 * @param kind what changed
 * @param baselineScore the case's mean score in the baseline
 * @param candidateScore the case's mean score in the candidate
 * @param baselineExplanation the explanation of the baseline's first trial
 * @param candidateExplanation the explanation of the candidate's first trial
 */
public record CaseChange(String caseId, String metric, Kind kind, double baselineScore, double candidateScore,
        String baselineExplanation, String candidateExplanation) {

    /** What changed, in the order reports list them: regressions first. */
    public enum Kind {
        /** Passed in the baseline, fails in the candidate. */
        REGRESSED,
        /** Still passes or still fails, with a lower score. */
        SCORE_DOWN,
        /** Failed in the baseline, passes in the candidate. */
        IMPROVED,
        /** Still passes or still fails, with a higher score. */
        SCORE_UP
    }

    public CaseChange {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baselineExplanation, "baselineExplanation");
        Objects.requireNonNull(candidateExplanation, "candidateExplanation");
    }

    /** Returns candidate minus baseline score. */
    public double delta() {
        return candidateScore - baselineScore;
    }
}
