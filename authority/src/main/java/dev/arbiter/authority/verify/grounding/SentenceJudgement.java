package dev.arbiter.authority.verify.grounding;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The judgement of one sentence of a candidate text: its place, its support score, the value of every signal,
 * the issues behind them and the evidence sentence that supports it best.
 *
 * <p>Immutable and thread-safe; no component is {@code null}.
 *
 * @param text the sentence
 * @param start offset of the sentence in the judged text
 * @param end offset after it
 * @param score how well the evidence supports it, in [0, 1]; 1 is fully supported
 * @param supported whether the score reaches the judge's threshold
 * @param signals the value of every signal (0 when it did not fire), in {@link Kind} order
 * @param issues why the score is below 1, one per fired signal occurrence; empty when nothing fired
 * @param support the best matching evidence sentences, best first; empty when there is no evidence
 */
public record SentenceJudgement(String text, int start, int end, double score, boolean supported,
        Map<Kind, Double> signals, List<GroundingIssue> issues, List<EvidenceSpan> support) {

    public SentenceJudgement {
        Objects.requireNonNull(text, "text");
        signals = Map.copyOf(signals);
        issues = List.copyOf(issues);
        support = List.copyOf(support);
    }

    /** Returns the evidence sentence that matches this one best, if there is any evidence. */
    public Optional<EvidenceSpan> bestSupport() {
        return support.isEmpty() ? Optional.empty() : Optional.of(support.get(0));
    }

    /** Returns the value of one signal; 0 when it did not fire. */
    public double signal(Kind kind) {
        return signals.getOrDefault(kind, 0.0);
    }
}
