package dev.arbiter.steering.context.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embeddings of context items by content digest, through any langchain4j {@link EmbeddingModel}, with a bounded
 * cache so a repeated assembly embeds nothing twice. Thread-safe when the model is (langchain4j's in-process
 * models are).
 */
public final class Embeddings {

    private final EmbeddingModel model;
    private final BoundedCache<String, Embedding> cache;

    public Embeddings(EmbeddingModel model, int cacheSize) {
        this.model = Objects.requireNonNull(model, "model");
        this.cache = new BoundedCache<>(cacheSize);
    }

    /** Returns the embedding of each text, keyed by the given digest, computing the missing ones in one batch. */
    public Map<String, Embedding> embedAll(Map<String, String> textsByDigest) {
        Map<String, Embedding> result = new LinkedHashMap<>();
        List<String> missingDigests = new ArrayList<>();
        List<TextSegment> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : textsByDigest.entrySet()) {
            Embedding cached = cache.find(e.getKey());
            if (cached != null) {
                result.put(e.getKey(), cached);
            } else {
                missingDigests.add(e.getKey());
                missing.add(TextSegment.from(e.getValue()));
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> computed = model.embedAll(missing).content();
            if (computed.size() != missing.size()) {
                throw new IllegalStateException("embedding model " + model.getClass().getName() + " returned "
                        + computed.size() + " embeddings for " + missing.size() + " texts");
            }
            for (int i = 0; i < computed.size(); i++) {
                cache.put(missingDigests.get(i), computed.get(i));
                result.put(missingDigests.get(i), computed.get(i));
            }
        }
        return result;
    }

    /** Returns the embedding of a text, not cached (for queries). */
    public Embedding embed(String text) {
        return model.embed(text).content();
    }

    /** Returns the cosine similarity of two embeddings, in [-1, 1]. */
    public static double cosine(Embedding a, Embedding b) {
        return CosineSimilarity.between(a, b);
    }
}
