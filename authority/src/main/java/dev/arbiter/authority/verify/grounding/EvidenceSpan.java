package dev.arbiter.authority.verify.grounding;

import java.util.Objects;

/**
 * The evidence sentence that best supports a judged sentence: where it is and how close it is.
 *
 * <p>Immutable and thread-safe; no component is {@code null}.
 *
 * @param sourceId the id of the {@link dev.arbiter.core.Source} it belongs to
 * @param start offset of the sentence in that source's content
 * @param end offset after it
 * @param text the evidence sentence
 * @param similarity how close it is to the judged sentence, in [0, 1]
 */
public record EvidenceSpan(String sourceId, int start, int end, String text, double similarity) {

    public EvidenceSpan {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(text, "text");
    }
}
