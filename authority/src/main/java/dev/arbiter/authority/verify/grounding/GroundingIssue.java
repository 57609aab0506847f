package dev.arbiter.authority.verify.grounding;

import java.util.Objects;

/**
 * One reason a sentence may not be supported by the evidence: which signal fired, on which words, and a message
 * a person or a model can act on.
 *
 * <p>Immutable and thread-safe; no component is {@code null}.
 *
 * @param kind the signal that fired
 * @param term the words of the sentence it fired on (a number, a name, a negation cue, …)
 * @param start offset of {@code term} in the judged text, or -1 when it has no single place
 * @param end offset after {@code term}, or -1
 * @param message what is wrong, naming the term and what the evidence says instead where known
 */
public record GroundingIssue(Kind kind, String term, int start, int end, String message) {

    /** The signals a sentence is judged by; each is one input of the score. */
    public enum Kind {
        /** A number, amount, percentage, ordinal or date number that the evidence never states. */
        UNSUPPORTED_NUMBER,
        /** A number the evidence states, but where the evidence gives a different one in the same context. */
        NUMBER_MISMATCH,
        /** A capitalised name that appears nowhere in the evidence. */
        UNSUPPORTED_ENTITY,
        /** A closed-class word (weekday, month, scale, family role, …) where the evidence has a sibling. */
        SWAPPED_TERM,
        /** A word whose opposite the aligned evidence states instead. */
        ANTONYM,
        /** A negation the aligned evidence does not have. */
        NEGATION_ADDED,
        /** A negation of the aligned evidence that the sentence drops. */
        NEGATION_REMOVED,
        /** A change of certainty: hedged evidence asserted as fact, or fact hedged. */
        MODALITY,
        /** Two names in the opposite order around the same verb as in the aligned evidence. */
        ROLE_SWAP,
        /** Content words found nowhere in the evidence, weighted by rarity. */
        NOVEL_CONTENT,
        /** The best matching evidence is far from the sentence. */
        WEAK_ALIGNMENT
    }

    public GroundingIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(message, "message");
    }
}
