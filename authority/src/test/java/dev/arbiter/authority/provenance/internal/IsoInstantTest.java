package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    private static void same(Instant instant) {
        assertThat(IsoInstant.format(instant)).as("%s", instant).isEqualTo(instant.toString());
    }

    @Test
    void writesWhatToStringWritesAcrossEveryRangeAndFraction() {
        Random random = new Random(11);
        int[] nanos = {0, 1, 999, 1_000, 1_001, 999_000, 1_000_000, 1_000_001, 120_000_000, 123_456_000, 123_456_789,
            999_999_999, 500_000_000, 10_000};
        long[] seconds = {0, 1, 59, 60, 86_399, 86_400, -1, -86_400, 951_782_400L /* 2000-02-29 */, 1_700_000_000L,
            253_402_300_799L, 253_402_300_800L, -62_167_219_200L, Instant.MAX.getEpochSecond(),
            Instant.MIN.getEpochSecond()};
        for (long s : seconds) {
            for (int n : nanos) {
                same(Instant.ofEpochSecond(s, n));
            }
        }
        for (int i = 0; i < 200_000; i++) {
            long s = i % 2 == 0 ? random.nextLong() % 253_402_300_800L : random.nextLong() % 5_000_000_000L;
            int n = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            same(Instant.ofEpochSecond(s, n));
        }
        same(Instant.now());
    }
}
