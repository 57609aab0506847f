package dev.arbiter.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of contents seen before, found by comparing the content with the one kept rather than hashing it again
 * ({@link Digests#contentSha256Hex}). A store hands an application the same documents as new strings call after call;
 * hashing one costs about 0.6 µs per KB on the machines measured, comparing it with the content kept a small fraction
 * of that. The digest found is exactly the content's SHA-256: an entry is used only when its content
 * {@linkplain String#equals equals} the one asked about.
 *
 * <p>Entries are keyed by the content's length and characters sampled across it (a hash of every character would
 * cost as much as SHA-256 on Java 17); contents that share those fall into one bin, where keys are compared in full
 * (a bin that grows becomes a tree ordered by the contents, so that many such contents cost a logarithm of their
 * number to search, not their number). The table is split into stripes, each with its own lock and its own share of
 * the character budget; in each, the least recently used contents are evicted once its contents hold more than its
 * share. A content longer than {@link #maxContentChars} is not kept. Thread-safe: a lock is held only to look up or
 * insert, the hashing runs outside it.
 */
final class ContentDigests {

    private static final int SAMPLES = 24;
    private static final int STRIPES = 16; // 2^4: the top four bits of a key's hash pick its stripe

    private final long charsPerStripe;
    private final int maxContentChars;
    private final Stripe[] stripes = new Stripe[STRIPES];

    /**
     * Keeps contents of at most {@code maxChars} characters in all, each of at most {@code maxContentChars}; a
     * budget of 0 keeps none.
     */
    ContentDigests(long maxChars, int maxContentChars) {
        if (maxChars < 0 || maxContentChars < 0) {
            throw new IllegalArgumentException("character budgets must not be negative, were " + maxChars + " and "
                    + maxContentChars);
        }
        this.charsPerStripe = maxChars / STRIPES;
        this.maxContentChars = (int) Math.min(maxContentChars, charsPerStripe);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** Returns the kept digest of a content equal to this one, or {@code null}. */
    @Nullable String find(String content) {
        if (content.length() > maxContentChars) {
            return null;
        }
        Key key = new Key(content);
        return stripe(key).find(key);
    }

    /** Returns the digest of the content: the kept one, or {@code hash}'s, kept for the next time. */
    String digest(String content, Function<String, String> hash) {
        if (content.length() > maxContentChars) {
            return hash.apply(content);
        }
        Key key = new Key(content);
        Stripe stripe = stripe(key);
        String kept = stripe.find(key);
        if (kept != null) {
            return kept;
        }
        String digest = hash.apply(content);
        stripe.keep(key, digest, charsPerStripe);
        return digest;
    }

    /** The stripe of a key: by the hash's top bits, as a stripe's map places its keys by the low ones. */
    private Stripe stripe(Key key) {
        return stripes[stripeOf(key.hash)];
    }

    private static int stripeOf(int hash) {
        return hash >>> (Integer.SIZE - 4);
    }

    /** The stripe a content is kept in; for tests. */
    static int stripeOf(String content) {
        return stripeOf(new Key(content).hash);
    }

    /** Returns the number of contents kept. */
    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            n += s.size();
        }
        return n;
    }

    /** Returns the characters of the contents kept. */
    long chars() {
        long n = 0;
        for (Stripe s : stripes) {
            n += s.chars();
        }
        return n;
    }

    /** One lock's share of the table: an access-ordered map and the characters of its keys. */
    private static final class Stripe {
        private final LinkedHashMap<Key, String> kept = new LinkedHashMap<>(16, 0.75f, true);
        private long chars;

        synchronized @Nullable String find(Key key) {
            return kept.get(key);
        }

        synchronized void keep(Key key, String digest, long budget) {
            if (kept.putIfAbsent(key, digest) != null) {
                return;
            }
            chars += key.content.length();
            Iterator<Map.Entry<Key, String>> eldest = kept.entrySet().iterator();
            while (chars > budget && eldest.hasNext()) {
                chars -= eldest.next().getKey().content.length();
                eldest.remove();
            }
        }

        synchronized int size() {
            return kept.size();
        }

        synchronized long chars() {
            return chars;
        }
    }

    /** A content as a key: hashed by its length and sampled characters, equal by its whole text. */
    private static final class Key implements Comparable<Key> {
        private final String content;
        private final int hash;

        Key(String content) {
            this.content = content;
            this.hash = sampled(content);
        }

        private static int sampled(String s) {
            int n = s.length();
            int h = n;
            if (n == 0) {
                return h;
            }
            for (int k = 0; k < SAMPLES; k++) {
                h = 31 * h + s.charAt((int) ((long) k * (n - 1) / (SAMPLES - 1)));
            }
            return h ^ (h >>> 16);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.hash == hash
                    && (other.content == content || other.content.equals(content));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Key other) {
            return content.compareTo(other.content);
        }
    }
}
