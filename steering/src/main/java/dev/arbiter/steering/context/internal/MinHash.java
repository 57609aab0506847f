package dev.arbiter.steering.context.internal;

import java.util.Arrays;

/**
 * MinHash signatures of word 3-shingles, for near-duplicate detection: the share of equal signature slots
 * estimates the Jaccard similarity of two texts' shingle sets.
 *
 * <p>Fast similarity sketching (Dahlgaard, Knudsen and Thorup, FOCS 2017) instead of {@value #SIZE} hash functions
 * per shingle: in round {@code r} each shingle is hashed once more, to one slot and a value in {@code [r, r + 1)};
 * each slot keeps its least value; rounds stop once every slot holds one (later rounds could only bring larger
 * values), and from round {@value #SIZE} on, round {@code SIZE + j} sends every shingle to slot {@code j}, so a
 * text of one shingle fills its signature too. Every shingle is treated alike, so two texts agree in a slot with
 * probability equal to their Jaccard similarity, and the slots are nearly independent: the standard error is about
 * {@code sqrt(J(1-J)/128)} (0.035 at J = 0.8), as with {@value #SIZE} hash functions ({@code MinHashTest} measures
 * it), at a few hashes per shingle for texts of hundreds of words.
 *
 * <p>Texts are compared case-insensitively (each code point lower-cased) on their letters and numbers only
 * (punctuation and spacing ignored). A text of fewer than three words is one shingle of all its words; a text with
 * no words has an empty signature and is a near duplicate of nothing. Deterministic; thread-safe.
 */
public final class MinHash {

    /** Slots per signature. */
    public static final int SIZE = 128;
    private static final int SLOT_BITS = 7;
    /** A value is its round (up to 2 * SIZE - 1, 8 bits) above 55 hash bits. */
    private static final int VALUE_BITS = 55;
    private static final long VALUE_MASK = (1L << VALUE_BITS) - 1;
    private static final int SHINGLE = 3;
    private static final long EMPTY = Long.MAX_VALUE;
    private static final long[] ROUND_SEEDS = roundSeeds();

    /** Per ASCII character: its lower-case form if it is a letter or digit (a word character), else 0. */
    private static final char[] ASCII_WORD = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                ASCII_WORD[c] = c;
            } else if (c >= 'A' && c <= 'Z') {
                ASCII_WORD[c] = (char) (c + ('a' - 'A'));
            }
        }
    }

    private MinHash() {}

    /** Returns the signature of the text; an empty array when the text has no words. */
    public static long[] signature(String text) {
        char[] cs = text.toCharArray(); // a plain array reads faster than charAt
        int n = cs.length;
        long[] shingles = new long[Math.max(16, n / 6)]; // about a word per six characters of prose
        int count = 0;
        long w0 = 0;
        long w1 = 0;
        int words = 0;
        int i = 0;
        while (i < n) {
            // skip to the next word
            int cp = cs[i];
            if (cp < 0x80) {
                if (ASCII_WORD[cp] == 0) {
                    i++; // the only ASCII letters and digits
                    continue;
                }
            } else {
                cp = Character.codePointAt(cs, i);
                if (!isWordChar(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
            }
            long h = 0xcbf29ce484222325L;
            while (i < n) {
                cp = cs[i];
                if (cp < 0x80) {
                    int lower = ASCII_WORD[cp];
                    if (lower == 0) {
                        break;
                    }
                    h = (h ^ lower) * 0x100000001b3L;
                    i++;
                } else {
                    cp = Character.codePointAt(cs, i);
                    if (!isWordChar(cp)) {
                        break;
                    }
                    h = (h ^ Character.toLowerCase(cp)) * 0x100000001b3L;
                    i += Character.charCount(cp);
                }
            }
            long word = mix(h);
            words++;
            if (words >= SHINGLE) {
                if (count == shingles.length) {
                    shingles = Arrays.copyOf(shingles, count * 2);
                }
                shingles[count++] = shingle(w0, w1, word);
            }
            w0 = w1;
            w1 = word;
        }
        if (words == 0) {
            return new long[0];
        }
        if (words < SHINGLE) {
            shingles[count++] = words == 1 ? shingle(0, 0, w1) : shingle(0, w0, w1);
        }
        return sketch(shingles, count);
    }

    private static long[] sketch(long[] shingles, int count) {
        long[] sig = new long[SIZE];
        Arrays.fill(sig, EMPTY);
        int empty = SIZE;
        for (int round = 0; round < SIZE && empty > 0; round++) {
            long seed = ROUND_SEEDS[round];
            long base = (long) round << VALUE_BITS;
            for (int i = 0; i < count; i++) {
                long h = mix(shingles[i] ^ seed);
                int slot = (int) (h >>> (64 - SLOT_BITS));
                long value = base | (h & VALUE_MASK);
                long old = sig[slot];
                if (value < old) {
                    if (old == EMPTY) {
                        empty--;
                    }
                    sig[slot] = value;
                }
            }
        }
        for (int slot = 0; slot < SIZE && empty > 0; slot++) {
            if (sig[slot] != EMPTY) {
                continue;
            }
            int round = SIZE + slot; // every shingle goes to this slot
            long seed = ROUND_SEEDS[round];
            long best = EMPTY;
            for (int i = 0; i < count; i++) {
                best = Math.min(best, ((long) round << VALUE_BITS) | (mix(shingles[i] ^ seed) & VALUE_MASK));
            }
            sig[slot] = best;
            empty--;
        }
        return sig;
    }

    private static boolean isWordChar(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    /** The hash of three consecutive word hashes, order-sensitive. */
    private static long shingle(long a, long b, long c) {
        return mix(mix(a * 0x9E3779B97F4A7C15L + b) * 0xC2B2AE3D27D4EB4FL + c);
    }

    private static long[] roundSeeds() {
        long[] seeds = new long[2 * SIZE];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < seeds.length; i++) {
            x += 0x9E3779B97F4A7C15L;
            seeds[i] = mix(x);
        }
        return seeds;
    }

    /** Returns the estimated Jaccard similarity of two signatures, in [0, 1]; 0 when either is empty. */
    public static double similarity(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < SIZE; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return equal / (double) SIZE;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
