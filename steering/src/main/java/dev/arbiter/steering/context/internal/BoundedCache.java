package dev.arbiter.steering.context.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A least-recently-used map of at most {@code capacity} entries. Thread-safe: every access holds the lock briefly;
 * the value function runs outside it, so two threads may compute the same value once each (harmless for the pure
 * functions cached here: token counts, signatures and embeddings of content digests).
 */
public final class BoundedCache<K, V> {

    private final int capacity;
    private final LinkedHashMap<K, V> map;

    /** Returns a cache of at most {@code capacity} entries; 0 caches nothing. */
    public BoundedCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    /** Returns the cached value for the key, computing and caching it when absent. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        synchronized (map) {
            V cached = map.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V value = compute.apply(key);
        put(key, value);
        return value;
    }

    /** Returns the cached value for the key, or {@code null} when absent. */
    public @Nullable V find(K key) {
        synchronized (map) {
            return map.get(key);
        }
    }

    /** Caches the value for the key. */
    public void put(K key, V value) {
        if (capacity > 0) {
            synchronized (map) {
                map.put(key, value);
            }
        }
    }

    /** Returns the number of cached entries. */
    public int size() {
        synchronized (map) {
            return map.size();
        }
    }
}
