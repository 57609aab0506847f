package dev.arbiter.authority.verify.grounding;

import java.util.List;

/**
 * The judgement of a whole candidate text: one {@link SentenceJudgement} per sentence, in order.
 *
 * <p>The text is supported when every sentence is; its score is the lowest sentence score (a text is as
 * grounded as its worst sentence). A text with no sentences is vacuously supported with score 1. Immutable and
 * thread-safe.
 *
 * @param sentences the sentences, in order of appearance
 * @param threshold the support score a sentence needed
 */
public record GroundingReport(List<SentenceJudgement> sentences, double threshold) {

    public GroundingReport {
        sentences = List.copyOf(sentences);
    }

    /** Returns whether every sentence is supported. */
    public boolean supported() {
        return sentences.stream().allMatch(SentenceJudgement::supported);
    }

    /** Returns the lowest sentence score, or 1 when there are no sentences. */
    public double score() {
        return sentences.stream().mapToDouble(SentenceJudgement::score).min().orElse(1.0);
    }

    /** Returns the sentences below the threshold: what a verifier reports as hallucinations. */
    public List<SentenceJudgement> unsupported() {
        return sentences.stream().filter(s -> !s.supported()).toList();
    }
}
