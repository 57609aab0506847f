package dev.arbiter.authority.verify.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The normalised forms of evidence sources a citation verifier searched recently, by the sources' SHA-256, so the
 * same evidence is not normalised again for every candidate (a step's context is usually the same on every attempt
 * and every run). At most {@code capacity} sources of at most {@link #MAX_CHARS} characters each are kept, least
 * recently used dropped first. Thread-safe: lookups hold a lock briefly; normalising runs outside it.
 */
public final class PreparedSources {

    /** Longer sources are normalised every time rather than kept (a normalised text costs 9 bytes per character). */
    public static final int MAX_CHARS = 65_536;

    private final int capacity;
    private final LinkedHashMap<String, NormalizedText> map;

    /** Returns a cache of at most {@code capacity} sources; 0 keeps none. */
    public PreparedSources(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NormalizedText> eldest) {
                return size() > PreparedSources.this.capacity;
            }
        };
    }

    /** Returns the normalised form of the source with this digest and length, preparing it when not kept. */
    public NormalizedText get(String digest, int length, Supplier<NormalizedText> prepare) {
        if (capacity == 0 || length > MAX_CHARS) {
            return prepare.get();
        }
        synchronized (map) {
            NormalizedText kept = map.get(digest);
            if (kept != null) {
                return kept;
            }
        }
        NormalizedText prepared = prepare.get();
        synchronized (map) {
            map.put(digest, prepared);
        }
        return prepared;
    }

    /** Returns how many sources are kept. */
    public int size() {
        synchronized (map) {
            return map.size();
        }
    }
}
