package dev.arbiter.steering.context.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * MinHash signatures of word 3-shingles, for near-duplicate detection: the share of equal signature slots
 * estimates the Jaccard similarity of two texts' shingle sets (standard error about {@code sqrt(J(1-J)/128)},
 * 0.035 at J = 0.8).
 *
 * <p>Texts are compared case-insensitively on their letters and digits only (punctuation and spacing ignored). A
 * text of fewer than three words is one shingle of all its words; a text with no words has an empty signature
 * and is a near duplicate of nothing. Deterministic; thread-safe.
 */
public final class MinHash {

    /** Slots per signature. */
    public static final int SIZE = 128;
    private static final int SHINGLE = 3;
    private static final long[] SEEDS = seeds();

    private MinHash() {}

    /** Returns the signature of the text; an empty array when the text has no words. */
    public static long[] signature(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        words = Arrays.stream(words).filter(w -> !w.isEmpty()).toArray(String[]::new);
        if (words.length == 0) {
            return new long[0];
        }
        long[] sig = new long[SIZE];
        Arrays.fill(sig, Long.MAX_VALUE);
        int shingles = Math.max(1, words.length - SHINGLE + 1);
        for (int s = 0; s < shingles; s++) {
            long h = 0xcbf29ce484222325L;
            for (int w = s; w < Math.min(words.length, s + SHINGLE); w++) {
                h = fnv(h, words[w]);
                h = (h ^ ' ') * 0x100000001b3L;
            }
            for (int i = 0; i < SIZE; i++) {
                long v = mix(h ^ SEEDS[i]);
                if (v < sig[i]) {
                    sig[i] = v;
                }
            }
        }
        return sig;
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

    private static long fnv(long h, String word) {
        for (int i = 0; i < word.length(); i++) {
            h = (h ^ word.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long[] seeds() {
        long[] seeds = new long[SIZE];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < SIZE; i++) {
            x += 0x9E3779B97F4A7C15L;
            seeds[i] = mix(x);
        }
        return seeds;
    }
}
