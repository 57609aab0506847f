package dev.arbiter.steering.context.internal;

import dev.arbiter.steering.context.Disposition;
import dev.langchain4j.data.embedding.Embedding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Drops exact and near duplicates from ordered candidates, keeping the first of each group (so the kept copy is
 * the one of highest priority and relevance).
 *
 * <p>Exact: the same SHA-256. Near: a MinHash estimate of the word 3-shingle Jaccard similarity at or above the
 * shingle threshold; or, when embeddings are given, a cosine similarity at or above the embedding threshold.
 */
final class Deduplicator {

    private Deduplicator() {}

    /** Returns the candidates that are kept, in order, and records the dropped ones. */
    static List<Candidate> dedupe(List<Candidate> ordered, AssemblerSettings settings,
            Map<String, Embedding> embeddingsByDigest, Map<String, Disposition.Dropped> dropped) {
        List<Candidate> kept = new ArrayList<>();
        Map<String, String> firstByDigest = new HashMap<>();
        Map<String, long[]> signatures = new HashMap<>();
        for (Candidate c : ordered) {
            String same = firstByDigest.get(c.digest());
            if (same != null) {
                dropped.put(c.id(), new Disposition.Dropped(Disposition.Reason.DUPLICATE, same,
                        "same content (SHA-256) as " + same));
                continue;
            }
            long[] signature = settings.signature(c.digest(), c.item().content());
            Disposition.Dropped near = nearDuplicate(c, signature, kept, signatures, settings, embeddingsByDigest);
            if (near != null) {
                dropped.put(c.id(), near);
                continue;
            }
            firstByDigest.put(c.digest(), c.id());
            signatures.put(c.id(), signature);
            kept.add(c);
        }
        return kept;
    }

    private static Disposition.@Nullable Dropped nearDuplicate(Candidate c, long[] signature, List<Candidate> kept,
            Map<String, long[]> signatures, AssemblerSettings settings, Map<String, Embedding> embeddings) {
        Embedding mine = embeddings.get(c.digest());
        for (Candidate k : kept) {
            double jaccard = MinHash.similarity(signature, signatures.get(k.id()));
            if (jaccard >= settings.shingleThreshold()) {
                return near(k, "shingle similarity", jaccard, settings.shingleThreshold());
            }
            Embedding theirs = embeddings.get(k.digest());
            if (mine != null && theirs != null) {
                double cosine = Embeddings.cosine(mine, theirs);
                if (cosine >= settings.embeddingThreshold()) {
                    return near(k, "embedding similarity", cosine, settings.embeddingThreshold());
                }
            }
        }
        return null;
    }

    private static Disposition.Dropped near(Candidate kept, String measure, double value, double threshold) {
        return new Disposition.Dropped(Disposition.Reason.NEAR_DUPLICATE, kept.id(), String.format(Locale.ROOT,
                "%s %.2f to %s (threshold %.2f)", measure, value, kept.id(), threshold));
    }
}
