package dev.arbiter.steering.context;

import java.util.Objects;

/**
 * What an assembly did with one {@link ContextItem}: included it whole, cut it, replaced it by a summary, or
 * dropped it (and why). A closed set of immutable records.
 */
public sealed interface Disposition
        permits Disposition.Included, Disposition.Cut, Disposition.Summarized, Disposition.Dropped {

    /** Returns whether any of the item's text (or its summary) is in the context. */
    boolean isInContext();

    /** The item went in whole. */
    record Included() implements Disposition {
        @Override
        public boolean isInContext() {
            return true;
        }
    }

    /**
     * The item (a QUOTE) went in cut: its first {@code sentencesKept} sentences of {@code sentencesTotal}.
     *
     * @param sentencesKept how many whole sentences from the start went in; at least 1
     * @param sentencesTotal how many sentences the item has
     * @param keptDigest SHA-256 of the text that went in
     */
    record Cut(int sentencesKept, int sentencesTotal, String keptDigest) implements Disposition {
        public Cut {
            Objects.requireNonNull(keptDigest, "keptDigest");
            if (sentencesKept < 1 || sentencesKept >= sentencesTotal) {
                throw new IllegalArgumentException(
                        "a cut keeps between 1 and " + (sentencesTotal - 1) + " sentences, not " + sentencesKept);
            }
        }

        @Override
        public boolean isInContext() {
            return true;
        }
    }

    /**
     * The item (a SUMMARIZE) was replaced by a summary, which went in under its own, derived source id.
     *
     * @param summarySourceId the id of the summary in the context and the evidence ({@code <id>#summary})
     * @param summaryDigest SHA-256 of the summary
     */
    record Summarized(String summarySourceId, String summaryDigest) implements Disposition {
        public Summarized {
            Objects.requireNonNull(summarySourceId, "summarySourceId");
            Objects.requireNonNull(summaryDigest, "summaryDigest");
        }

        @Override
        public boolean isInContext() {
            return true;
        }
    }

    /**
     * The item is not in the context.
     *
     * @param reason why
     * @param relatedSourceId for duplicates, the id of the item that was kept instead; otherwise empty
     * @param explanation a sentence for people, e.g. {@code "needs 812 tokens, 95 left"}
     */
    record Dropped(Reason reason, String relatedSourceId, String explanation) implements Disposition {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(relatedSourceId, "relatedSourceId");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public boolean isInContext() {
            return false;
        }
    }

    /** Why an item was dropped. */
    enum Reason {
        /** It (or, for a QUOTE, even its first sentence; for a SUMMARIZE, its summary) did not fit the budget. */
        OVER_BUDGET,
        /** Its content is byte-for-byte the same as an item ahead of it (same SHA-256). */
        DUPLICATE,
        /** Its content is nearly the same as an item ahead of it (shingle or embedding similarity). */
        NEAR_DUPLICATE,
        /** Its treatment is EXCLUDE. */
        EXCLUDED,
        /** Its content is empty or only whitespace. */
        EMPTY,
        /** It is a SUMMARIZE item and no summary could be had (no summariser, or it failed): fail closed. */
        SUMMARY_FAILED
    }
}
