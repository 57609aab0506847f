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
 * shingle threshold; or, when embeddings are given, a cosine similarity at or above the embedding threshold. Without
 * embeddings, only items that share a {@link Bands band} with an item are compared with it (the same result as
 * comparing every pair, in linear time for texts that are not near one another); up to {@link #PAIRWISE_MAX} items
 * are compared pairwise, each comparison stopping once too many positions differ.
 */
final class Deduplicator {

    private Deduplicator() {}

    /**
     * Up to this many candidates, each is compared with every kept one directly, stopping at the first position
     * beyond the mismatches the threshold allows (for texts that are not near one another, within the first few
     * dozen of the 128): cheaper than building {@link Bands} for a few items, and the same result.
     */
    static final int PAIRWISE_MAX = 32;

    /** Returns the candidates that are kept, in order, and records the dropped ones. */
    static List<Candidate> dedupe(List<Candidate> ordered, AssemblerSettings settings,
            Map<String, Embedding> embeddingsByDigest, Map<String, Disposition.Dropped> dropped) {
        return dedupe(ordered, settings, embeddingsByDigest, dropped, PAIRWISE_MAX);
    }

    /** {@link #dedupe}, comparing pairwise up to {@code pairwiseMax} candidates (tests set it to compare the ways). */
    static List<Candidate> dedupe(List<Candidate> ordered, AssemblerSettings settings,
            Map<String, Embedding> embeddingsByDigest, Map<String, Disposition.Dropped> dropped, int pairwiseMax) {
        List<Candidate> kept = new ArrayList<>();
        List<long[]> keptSignatures = new ArrayList<>(); // by kept index
        Map<String, String> firstByDigest = new HashMap<>();
        double threshold = settings.shingleThreshold();
        // without embeddings only signatures decide: compared pairwise for a few items, else bands find the few kept
        // items worth comparing
        boolean signaturesOnly = embeddingsByDigest.isEmpty();
        @Nullable Bands bands = signaturesOnly && ordered.size() > pairwiseMax
                ? new Bands(threshold, ordered.size()) : null;
        int need = Bands.need(threshold);
        for (Candidate c : ordered) {
            String same = firstByDigest.get(c.digest());
            if (same != null) {
                dropped.put(c.id(), new Disposition.Dropped(Disposition.Reason.DUPLICATE, same,
                        "same content (SHA-256) as " + same));
                continue;
            }
            long[] signature = settings.signature(c.digest(), c.item().content());
            long[] keys = bands == null ? Bands.NO_KEYS : bands.keys(signature);
            Disposition.Dropped near;
            if (bands != null) {
                near = nearDuplicate(signature, keys, kept, keptSignatures, bands, threshold);
            } else if (signaturesOnly) {
                near = nearDuplicate(signature, kept, keptSignatures, need, threshold);
            } else {
                near = nearDuplicate(c, signature, kept, keptSignatures, settings, embeddingsByDigest);
            }
            if (near != null) {
                dropped.put(c.id(), near);
                continue;
            }
            firstByDigest.put(c.digest(), c.id());
            if (bands != null) {
                bands.add(keys, kept.size());
            }
            kept.add(c);
            keptSignatures.add(signature);
        }
        return kept;
    }

    /** The first kept item (in kept order) among those sharing a band with the signature that is similar enough. */
    private static Disposition.@Nullable Dropped nearDuplicate(long[] signature, long[] keys, List<Candidate> kept,
            List<long[]> keptSignatures, Bands bands, double threshold) {
        for (int k : bands.candidates(keys)) {
            double jaccard = MinHash.similarity(signature, keptSignatures.get(k));
            if (jaccard >= threshold) {
                return near(kept.get(k), "shingle similarity", jaccard, threshold);
            }
        }
        return null;
    }

    /**
     * The first kept item (in kept order) whose signature agrees with this one in at least {@code need} positions,
     * that is whose similarity is at or above the threshold: what the bands find, since every such pair shares a
     * band. An empty signature matches nothing, as it has no band.
     */
    private static Disposition.@Nullable Dropped nearDuplicate(long[] signature, List<Candidate> kept,
            List<long[]> keptSignatures, int need, double threshold) {
        if (signature.length == 0) {
            return null;
        }
        int allowed = MinHash.SIZE - need; // mismatches a near duplicate can have
        for (int k = 0; k < kept.size(); k++) {
            long[] other = keptSignatures.get(k);
            if (other.length == 0) {
                continue;
            }
            int misses = 0;
            int i = 0;
            while (i < MinHash.SIZE && (signature[i] == other[i] || ++misses <= allowed)) {
                i++;
            }
            if (i == MinHash.SIZE) {
                double jaccard = MinHash.similarity(signature, other);
                if (jaccard >= threshold) { // always, by the choice of need; the same test as the bands'
                    return near(kept.get(k), "shingle similarity", jaccard, threshold);
                }
            }
        }
        return null;
    }

    private static Disposition.@Nullable Dropped nearDuplicate(Candidate c, long[] signature, List<Candidate> kept,
            List<long[]> keptSignatures, AssemblerSettings settings, Map<String, Embedding> embeddings) {
        Embedding mine = embeddings.get(c.digest());
        for (int i = 0; i < kept.size(); i++) {
            Candidate k = kept.get(i);
            double jaccard = MinHash.similarity(signature, keptSignatures.get(i));
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
