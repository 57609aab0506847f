package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SecureRandomsTest {

    @Test
    void uuidsAreVersion4IetfVariantAndDistinct() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            UUID id = SecureRandoms.uuid();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void everyRandomBitOfAUuidVaries() {
        // 122 random bits: over 4,000 ids each such bit is set about half the time, the 6 fixed bits never vary
        int n = 4_000;
        int[] ones = new int[128];
        for (int i = 0; i < n; i++) {
            UUID id = SecureRandoms.uuid();
            for (int bit = 0; bit < 64; bit++) {
                ones[bit] += (int) ((id.getMostSignificantBits() >>> (63 - bit)) & 1);
                ones[64 + bit] += (int) ((id.getLeastSignificantBits() >>> (63 - bit)) & 1);
            }
        }
        Set<Integer> fixed = Set.of(48, 49, 50, 51, 64, 65);
        for (int bit = 0; bit < 128; bit++) {
            if (fixed.contains(bit)) {
                assertThat(ones[bit]).as("fixed bit %d", bit).isIn(0, n);
            } else {
                assertThat(ones[bit]).as("bit %d", bit).isBetween(n / 2 - 250, n / 2 + 250);
            }
        }
    }

    @Test
    void threadsDrawConcurrentlyAndNeverRepeat() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Set<String> boundaries = ConcurrentHashMap.newKeySet();
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    Random random = SecureRandoms.random();
                    for (int i = 0; i < 5_000; i++) {
                        byte[] bytes = new byte[16];
                        random.nextBytes(bytes);
                        assertThat(boundaries.add(java.util.HexFormat.of().formatHex(bytes))).isTrue();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(boundaries).hasSize(40_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void boundedDrawsStayInRangeAndCoverIt() {
        Random random = SecureRandoms.random();
        int[] counts = new int[10];
        for (int i = 0; i < 10_000; i++) {
            counts[random.nextInt(10)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(850, 1_150);
        }
        double d = random.nextDouble();
        assertThat(d).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
    }

    @Test
    void cannotBeSeeded() {
        assertThatThrownBy(() -> SecureRandoms.random().setSeed(42))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot be seeded");
    }
}
