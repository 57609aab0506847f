package dev.arbiter.eval.internal;

import dev.arbiter.eval.Score;
import dev.arbiter.eval.ScoringContext;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Semantic similarity of output and expectation: the cosine of their embeddings, negative values as 0.
 * Thread-safe if the embedding model is (the in-process MiniLM is).
 */
public final class Similarity {

    /** The in-process all-MiniLM-L6-v2, loaded once on first use (about 90 MB of weights, a second to load). */
    private static final class MiniLm {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }

    private final Supplier<EmbeddingModel> model;
    private final double threshold;

    private Similarity(Supplier<EmbeddingModel> model, double threshold) {
        this.model = model;
        this.threshold = threshold;
    }

    /** Returns a scorer on the shared in-process MiniLM. */
    public static Similarity miniLm(double threshold) {
        return new Similarity(() -> MiniLm.MODEL, threshold);
    }

    /** Returns a scorer on the given model. */
    public static Similarity of(EmbeddingModel model, double threshold) {
        return new Similarity(() -> model, threshold);
    }

    public Score score(ScoringContext context) {
        String output = context.outputText();
        String expected = context.expectedText();
        if (output.isBlank() || expected.isBlank()) {
            return Score.of(0.0, threshold, output.isBlank() ? "the output is empty" : "the expectation is empty");
        }
        double cosine = cosine(output, expected);
        double value = Math.max(0.0, Math.min(1.0, cosine));
        return Score.of(value, threshold, String.format(Locale.ROOT, "cosine similarity %.3f (threshold %.2f)",
                cosine, threshold));
    }

    /** Returns the cosine similarity of the two texts' embeddings. */
    public double cosine(String a, String b) {
        EmbeddingModel m = model.get();
        Embedding x = m.embed(a).content();
        Embedding y = m.embed(b).content();
        return CosineSimilarity.between(x, y);
    }
}
