package dev.arbiter.authority.verify.grounding.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the evidence sentences that best match a judged sentence: rarity-weighted overlap of content stems,
 * averaged with MiniLM cosine similarity when embeddings are given. Stateless and thread-safe.
 */
public final class Aligner {

    private Aligner() {
    }

    /**
     * Returns up to {@code k} evidence sentences, best first.
     *
     * @param tokens the judged sentence's tokens
     * @param embedding the judged sentence's embedding, or {@code null} for lexical alignment only
     * @param docEmbeddings the evidence sentences' embeddings in index order, or {@code null}
     */
    public static List<Alignment> align(List<Token> tokens, DocIndex index, float @Nullable [] embedding,
            @Nullable List<float[]> docEmbeddings, int k) {
        double total = 0;
        for (Token t : tokens) {
            if (t.isContent()) {
                total += index.idf(t.stem());
            }
        }
        List<Alignment> all = new ArrayList<>();
        List<DocSentence> sentences = index.sentences();
        for (int i = 0; i < sentences.size(); i++) {
            DocSentence d = sentences.get(i);
            double hit = 0;
            for (Token t : tokens) {
                if (t.isContent() && d.stems().contains(t.stem())) {
                    hit += index.idf(t.stem());
                }
            }
            double lexical = total == 0 ? 0 : hit / total;
            double cosine = embedding == null || docEmbeddings == null ? lexical
                    : MiniLm.dot(embedding, docEmbeddings.get(i));
            all.add(new Alignment(d, lexical, cosine));
        }
        all.sort(Comparator.comparingDouble(Alignment::similarity).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }
}
