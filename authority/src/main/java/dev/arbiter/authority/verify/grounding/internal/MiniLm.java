package dev.arbiter.authority.verify.grounding.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process all-MiniLM-L6-v2 sentence embedding model, loaded once per JVM on first use (about 3 s) and
 * shared by every judge. Unit-length vectors, so a dot product is the cosine. Thread-safe.
 */
public final class MiniLm {

    private MiniLm() {
    }

    private static final class Holder {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
    }

    /** Returns the unit-length embeddings of the texts, in order. */
    public static List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t));
        }
        List<Embedding> embeddings = Holder.MODEL.embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            out.add(normalise(e.vector()));
        }
        return out;
    }

    /** Returns the dot product of two vectors of equal length. */
    public static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    private static float[] normalise(float[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }
}
