package dev.arbiter.authority.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.QuoteNormalization;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Normalised sources kept by digest. */
class PreparedSourcesTest {

    private final AtomicInteger prepared = new AtomicInteger();

    private NormalizedText prepare(String text) {
        prepared.incrementAndGet();
        return NormalizedText.of(text, EnumSet.allOf(QuoteNormalization.class));
    }

    @Test
    void aSourceSeenBeforeIsNotNormalisedAgain() {
        PreparedSources cache = new PreparedSources(2);

        NormalizedText first = cache.get("d1", 5, () -> prepare("Hello"));
        NormalizedText again = cache.get("d1", 5, () -> prepare("Hello"));

        assertThat(again).isSameAs(first);
        assertThat(prepared.get()).isEqualTo(1);
        assertThat(first.text()).isEqualTo("hello");
    }

    @Test
    void theLeastRecentlyUsedSourceIsDroppedFirst() {
        PreparedSources cache = new PreparedSources(2);
        cache.get("a", 1, () -> prepare("a"));
        cache.get("b", 1, () -> prepare("b"));
        cache.get("a", 1, () -> prepare("a"));
        cache.get("c", 1, () -> prepare("c"));

        cache.get("a", 1, () -> prepare("a"));
        cache.get("b", 1, () -> prepare("b"));

        assertThat(prepared.get()).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void longSourcesAndAZeroCapacityKeepNothing() {
        PreparedSources none = new PreparedSources(0);
        none.get("a", 1, () -> prepare("a"));
        none.get("a", 1, () -> prepare("a"));
        PreparedSources small = new PreparedSources(4);
        small.get("big", PreparedSources.MAX_CHARS + 1, () -> prepare("big"));
        small.get("big", PreparedSources.MAX_CHARS + 1, () -> prepare("big"));

        assertThat(prepared.get()).isEqualTo(4);
        assertThat(none.size()).isZero();
        assertThat(small.size()).isZero();
    }
}
