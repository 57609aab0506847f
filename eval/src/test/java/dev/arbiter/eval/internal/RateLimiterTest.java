package dev.arbiter.eval.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock that moves only when slept on or advanced. */
    private static final class Clock implements Timing {
        long now;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
            now += d.toNanos();
        }

        void advance(Duration d) {
            now += d.toNanos();
        }
    }

    @Test
    void requestsWithinTheLimitDoNotWait() throws Exception {
        Clock clock = new Clock();
        RateLimiter limiter = new RateLimiter(3, 0, clock);

        limiter.acquire();
        limiter.acquire();
        limiter.acquire();

        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void aRequestBeyondTheLimitWaitsUntilTheOldestLeavesTheWindow() throws Exception {
        Clock clock = new Clock();
        RateLimiter limiter = new RateLimiter(2, 0, clock);
        limiter.acquire();
        clock.advance(Duration.ofSeconds(20));
        limiter.acquire();

        limiter.acquire();

        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void tokensBeyondTheLimitMakeTheNextRequestWait() throws Exception {
        Clock clock = new Clock();
        RateLimiter limiter = new RateLimiter(0, 1000, clock);
        limiter.acquire();
        limiter.record(600);
        clock.advance(Duration.ofSeconds(10));
        limiter.acquire();
        limiter.record(500);
        clock.advance(Duration.ofSeconds(5));

        limiter.acquire();

        // 1,100 tokens in the window until the first call's 600 leave it, 60 s after they were recorded
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(45));
    }

    @Test
    void noLimitsNeverWait() throws Exception {
        Clock clock = new Clock();
        RateLimiter limiter = new RateLimiter(0, 0, clock);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire();
            limiter.record(1_000_000);
        }

        assertThat(limiter.limits()).isFalse();
        assertThat(clock.sleeps).isEmpty();
        assertThatThrownBy(() -> new RateLimiter(-1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
