package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void computesOnceAndEvictsTheLeastRecentlyUsed() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        AtomicInteger computed = new AtomicInteger();

        cache.get("a", k -> computed.incrementAndGet());
        cache.get("b", k -> computed.incrementAndGet());
        cache.get("a", k -> computed.incrementAndGet());
        cache.get("c", k -> computed.incrementAndGet());

        assertThat(computed).hasValue(3);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.find("a")).isEqualTo(1);
        assertThat(cache.find("b")).isNull();
    }

    @Test
    void capacityZeroCachesNothing() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(0);
        AtomicInteger computed = new AtomicInteger();

        cache.get("a", k -> computed.incrementAndGet());
        cache.get("a", k -> computed.incrementAndGet());

        assertThat(computed).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void rejectsNegativeCapacity() {
        assertThatThrownBy(() -> new BoundedCache<String, String>(-1)).hasMessageContaining("-1");
    }
}
