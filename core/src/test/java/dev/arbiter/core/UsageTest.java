package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void addsUpAcrossAttempts() {
        Usage total = Usage.of(10, 2).plus(Usage.of(5, 1));

        assertThat(total).isEqualTo(Usage.of(15, 3));
        assertThat(total.totalTokens()).isEqualTo(18);
        assertThat(Usage.ZERO.plus(total)).isEqualTo(total);
    }

    @Test
    void rejectsNegativeCountsNamingThem() {
        assertThatThrownBy(() -> Usage.of(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputTokens must be >= 0, was -1");
        assertThatThrownBy(() -> Usage.of(0, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outputTokens must be >= 0, was -2");
    }
}
