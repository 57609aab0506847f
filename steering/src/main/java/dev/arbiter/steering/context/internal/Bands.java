package dev.arbiter.steering.context.internal;

import java.util.Arrays;

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
final class Bands {
    static final long[] NO_KEYS = new long[0];
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
