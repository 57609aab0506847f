package dev.arbiter.authority.verify.grounding.internal;

/**
 * One evidence sentence matched to a judged sentence.
 *
 * @param sentence the evidence sentence
 * @param lexical the rarity-weighted share of the judged sentence's content stems it contains, in [0, 1]
 * @param embedding the cosine of the two sentence embeddings, or the lexical score when embeddings are off
 */
public record Alignment(DocSentence sentence, double lexical, double embedding) {

    /** Returns the combined similarity in [0, 1]. */
    public double similarity() {
        return Math.max(0, Math.min(1, (lexical + embedding) / 2));
    }
}
