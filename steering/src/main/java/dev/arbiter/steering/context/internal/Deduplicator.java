package dev.arbiter.steering.context.internal;

import dev.arbiter.steering.context.Disposition;
import dev.langchain4j.data.embedding.Embedding;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Locality-sensitive bands of MinHash signatures that miss no pair at or above the threshold: two signatures
     * similar enough agree in at least {@code need} of the {@link MinHash#SIZE} positions, so they differ in at most
     * {@code SIZE - need}; cut into {@code SIZE - need + 1} bands, at least one band is equal in both (pigeonhole).
     * Items that share no band are never compared, which makes dedupe linear in the number of items for texts that
     * are not near one another, instead of comparing every pair.
     *
     * <p>The band keys are held in an open-addressing table of {@code long} keys (linear probing, a power-of-two
     * number of slots, grown to twice as many when half are used), the slot found by a multiply-shift hash of the
     * key (keys are hashes already, but nothing relies on that but speed). Each used slot heads a singly linked chain
     * of entries, newest first, held in parallel arrays (kept index, next entry). No boxing, no map entries, no list
     * per key.
     */
    static final class Bands {
        private static final long[] NO_KEYS = new long[0];
        private static final int[] NONE = new int[0];
        private static final long MIX = 0x9E3779B97F4A7C15L;
        private static final int MIN_SLOTS = 16;

        private final int count;
        /** Per slot: its key, valid when the slot's head is not -1. */
        private long[] slotKeys;
        /** Per slot: the newest entry of its key, or -1 for an unused slot. */
        private int[] heads;
        /** {@code 64 - log2(slots)}: the hash's top bits pick the slot. */
        private int shift;
        private int usedSlots;
        /** Per entry: the kept index. */
        private int[] entryKept;
        /** Per entry: the next (older) entry of the same key, or -1. */
        private int[] entryNext;
        private int entries;

        Bands(double threshold) {
            this(threshold, 0);
        }

        /** Bands sized for about {@code expectedItems} kept items (the table grows past that as needed). */
        Bands(double threshold, int expectedItems) {
            this.count = Math.min(MinHash.SIZE, MinHash.SIZE - need(threshold) + 1);
            long expectedKeys = (long) Math.max(0, expectedItems) * count;
            int slots = MIN_SLOTS;
            while (slots < (1 << 30) && slots < 2 * expectedKeys + 1) {
                slots <<= 1;
            }
            allocateSlots(slots);
            int capacity = (int) Math.min(Math.max(MIN_SLOTS, expectedKeys), 1 << 30);
            entryKept = new int[capacity];
            entryNext = new int[capacity];
        }

        /**
         * The fewest positions, of {@link MinHash#SIZE}, in which two signatures must agree for their similarity to be
         * at or above the threshold: the least {@code k} with {@code k / (double) SIZE >= threshold}.
         */
        static int need(double threshold) {
            int need = (int) Math.ceil(threshold * MinHash.SIZE);
            while (need > 1 && (need - 1) / (double) MinHash.SIZE >= threshold) {
                need--;
            }
            while (need / (double) MinHash.SIZE < threshold) {
                need++;
            }
            return need;
        }

        /** Returns the key of each band of a signature (none for an empty signature, which matches nothing). */
        long[] keys(long[] signature) {
            if (signature.length == 0) {
                return NO_KEYS;
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

        /** Records that the kept item at {@code keptIndex} has these band keys. */
        void add(long[] keys, int keptIndex) {
            for (long key : keys) {
                int slot = slotOf(key);
                if (heads[slot] == -1) {
                    slotKeys[slot] = key;
                    usedSlots++;
                }
                if (entries == entryKept.length) {
                    int grown = entries + Math.max(MIN_SLOTS, entries >> 1);
                    entryKept = Arrays.copyOf(entryKept, grown);
                    entryNext = Arrays.copyOf(entryNext, grown);
                }
                entryKept[entries] = keptIndex;
                entryNext[entries] = heads[slot];
                heads[slot] = entries++;
                if (2 * usedSlots > heads.length) {
                    grow();
                }
            }
        }

        /** Returns the kept indexes sharing a band key, ascending, each once (a hash collision only adds a compare). */
        int[] candidates(long[] keys) {
            int[] found = NONE;
            int n = 0;
            for (long key : keys) {
                int slot = slotOf(key);
                for (int e = heads[slot]; e != -1; e = entryNext[e]) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, Math.max(8, 2 * n));
                    }
                    found[n++] = entryKept[e];
                }
            }
            if (n == 0) {
                return NONE; // the common case: no kept item shares a band
            }
            Arrays.sort(found, 0, n);
            int distinct = 1;
            for (int i = 1; i < n; i++) {
                if (found[i] != found[distinct - 1]) {
                    found[distinct++] = found[i];
                }
            }
            return Arrays.copyOf(found, distinct);
        }

        /** The number of slots of the table (a power of two, more than twice the number of distinct keys). */
        int slots() {
            return heads.length;
        }

        /** The slot that holds the key, or the unused slot where it would go. */
        private int slotOf(long key) {
            int mask = heads.length - 1;
            int slot = (int) ((key * MIX) >>> shift);
            while (heads[slot] != -1 && slotKeys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void allocateSlots(int slots) {
            slotKeys = new long[slots];
            heads = new int[slots];
            Arrays.fill(heads, -1);
            shift = 64 - Integer.numberOfTrailingZeros(slots);
        }

        /** Doubles the slots, moving each key with its chain. */
        private void grow() {
            long[] oldKeys = slotKeys;
            int[] oldHeads = heads;
            allocateSlots(2 * oldHeads.length);
            for (int s = 0; s < oldHeads.length; s++) {
                if (oldHeads[s] != -1) {
                    int slot = slotOf(oldKeys[s]);
                    slotKeys[slot] = oldKeys[s];
                    heads[slot] = oldHeads[s];
                }
            }
        }
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
