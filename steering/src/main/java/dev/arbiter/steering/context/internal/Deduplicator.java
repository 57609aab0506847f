package dev.arbiter.steering.context.internal;

import dev.arbiter.steering.context.Disposition;
import dev.langchain4j.data.embedding.Embedding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Drops exact and near duplicates from ordered candidates, keeping the first of each group (so the kept copy is
 * the one of highest priority and relevance).
 *
 * <p>Exact: the same SHA-256. Near: a MinHash estimate of the word 3-shingle Jaccard similarity at or above the
 * shingle threshold; or, when embeddings are given, a cosine similarity at or above the embedding threshold. Without
 * embeddings, only items that share a {@link Bands band} with an item are compared with it (the same result as
 * comparing every pair, in linear time for texts that are not near one another).
 */
final class Deduplicator {

    private Deduplicator() {}

    /** Returns the candidates that are kept, in order, and records the dropped ones. */
    static List<Candidate> dedupe(List<Candidate> ordered, AssemblerSettings settings,
            Map<String, Embedding> embeddingsByDigest, Map<String, Disposition.Dropped> dropped) {
        List<Candidate> kept = new ArrayList<>();
        Map<String, String> firstByDigest = new HashMap<>();
        Map<String, long[]> signatures = new HashMap<>();
        // without embeddings only signatures decide, and bands find the few kept items worth comparing
        @Nullable Bands bands = embeddingsByDigest.isEmpty() ? new Bands(settings.shingleThreshold()) : null;
        for (Candidate c : ordered) {
            String same = firstByDigest.get(c.digest());
            if (same != null) {
                dropped.put(c.id(), new Disposition.Dropped(Disposition.Reason.DUPLICATE, same,
                        "same content (SHA-256) as " + same));
                continue;
            }
            long[] signature = settings.signature(c.digest(), c.item().content());
            long[] keys = bands == null ? new long[0] : bands.keys(signature);
            Disposition.Dropped near = bands == null
                    ? nearDuplicate(c, signature, kept, signatures, settings, embeddingsByDigest)
                    : nearDuplicate(signature, keys, kept, signatures, bands, settings.shingleThreshold());
            if (near != null) {
                dropped.put(c.id(), near);
                continue;
            }
            firstByDigest.put(c.digest(), c.id());
            signatures.put(c.id(), signature);
            if (bands != null) {
                bands.add(keys, kept.size());
            }
            kept.add(c);
        }
        return kept;
    }

    /** The first kept item (in kept order) among those sharing a band with the signature that is similar enough. */
    private static Disposition.@Nullable Dropped nearDuplicate(long[] signature, long[] keys, List<Candidate> kept,
            Map<String, long[]> signatures, Bands bands, double threshold) {
        for (int k : bands.candidates(keys)) {
            Candidate other = kept.get(k);
            double jaccard = MinHash.similarity(signature, signatures.get(other.id()));
            if (jaccard >= threshold) {
                return near(other, "shingle similarity", jaccard, threshold);
            }
        }
        return null;
    }

    /**
     * Locality-sensitive bands of MinHash signatures that miss no pair at or above the threshold: two signatures
     * similar enough agree in at least {@code need} of the {@link MinHash#SIZE} positions, so they differ in at most
     * {@code SIZE - need}; cut into {@code SIZE - need + 1} bands, at least one band is equal in both (pigeonhole).
     * Items that share no band are never compared, which makes dedupe linear in the number of items for texts that
     * are not near one another, instead of comparing every pair.
     */
    static final class Bands {
        private final int count;
        private final Map<Long, List<Integer>> buckets = new HashMap<>();

        Bands(double threshold) {
            int need = (int) Math.ceil(threshold * MinHash.SIZE);
            while (need > 1 && (need - 1) / (double) MinHash.SIZE >= threshold) {
                need--;
            }
            while (need / (double) MinHash.SIZE < threshold) {
                need++;
            }
            this.count = Math.min(MinHash.SIZE, MinHash.SIZE - need + 1);
        }

        /** Returns the key of each band of a signature (none for an empty signature, which matches nothing). */
        long[] keys(long[] signature) {
            if (signature.length == 0) {
                return new long[0];
            }
            long[] keys = new long[count];
            for (int b = 0; b < count; b++) {
                long h = 0x9E3779B97F4A7C15L * (b + 1);
                for (int i = b * MinHash.SIZE / count; i < (b + 1) * MinHash.SIZE / count; i++) {
                    h = Long.rotateLeft(h ^ signature[i], 27) * 0x94d049bb133111ebL;
                }
                keys[b] = h;
            }
            return keys;
        }

        void add(long[] keys, int keptIndex) {
            for (long key : keys) {
                buckets.computeIfAbsent(key, k -> new ArrayList<>(2)).add(keptIndex);
            }
        }

        /** Returns the kept indexes sharing a band key, ascending, each once (a hash collision only adds a compare). */
        int[] candidates(long[] keys) {
            TreeSet<Integer> found = new TreeSet<>();
            for (long key : keys) {
                List<Integer> bucket = buckets.get(key);
                if (bucket != null) {
                    found.addAll(bucket);
                }
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        }
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
