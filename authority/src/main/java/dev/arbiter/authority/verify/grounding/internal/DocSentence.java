package dev.arbiter.authority.verify.grounding.internal;

import java.util.List;
import java.util.Set;

/**
 * One sentence of one evidence source, analysed once.
 *
 * @param sourceId the id of the source it belongs to
 * @param text the sentence
 * @param start offset in the source's content
 * @param end offset after it
 * @param tokens its tokens, offsets in the source's content
 * @param stems the stems of its tokens
 * @param negations how many negation cues it has
 * @param hedges how many modality cues it has
 */
public record DocSentence(String sourceId, String text, int start, int end, List<Token> tokens, Set<String> stems,
        int negations, int hedges) {
}
