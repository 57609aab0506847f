package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), 5);

    @Test
    void delaysStayWithinTheDoublingCap() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1, Optional.empty(), random)).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(backoff.delay(3, Optional.empty(), random)).isBetween(Duration.ZERO, Duration.ofMillis(400));
            assertThat(backoff.delay(9, Optional.empty(), random)).isBetween(Duration.ZERO, Duration.ofMillis(1_000));
        }
    }

    @Test
    void delaysAreJittered() {
        Random random = new Random(5);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(backoff.delay(4, Optional.empty(), random));
        }
        assertThat(seen).hasSizeGreaterThan(5);
    }

    @Test
    void retryAfterIsHonouredEvenAboveTheCap() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(30)), new Random(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheJitteredWait() {
        Random fixed = new Random() {
            @Override
            public double nextDouble() {
                return 0.99;
            }
        };
        assertThat(backoff.delay(3, Optional.of(Duration.ofMillis(10)), fixed)).isEqualTo(Duration.ofMillis(396));
    }

    @Test
    void retriesAreOneBased() {
        assertThatThrownBy(() -> backoff.delay(0, Optional.empty(), new Random())).hasMessageContaining("1-based");
    }
}
