package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void unlimitedBudgetHasNoLimits() {
        Budget b = Budget.unlimited();

        assertThat(b.inputTokens()).isEmpty();
        assertThat(b.outputTokens()).isEmpty();
        assertThat(b.attempts()).isEmpty();
        assertThat(b.toolCalls()).isEmpty();
        assertThat(b.cost()).isEmpty();
        assertThat(b.wallTime()).isEmpty();
    }

    @Test
    void setLimitsAreKeptAndCopiedByToBuilder() {
        Budget b = Budget.builder().inputTokens(1000).outputTokens(200).attempts(3).toolCalls(0)
                .cost(new BigDecimal("0.50")).wallTime(Duration.ofSeconds(30)).build();

        assertThat(b.inputTokens()).hasValue(1000);
        assertThat(b.attempts()).hasValue(3);
        assertThat(b.toolCalls()).hasValue(0);
        assertThat(b.cost()).hasValue(new BigDecimal("0.50"));
        assertThat(b.toBuilder().build()).isEqualTo(b);
        assertThat(b.toBuilder().cost(new BigDecimal("0.5")).build()).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(b.toBuilder().attempts(4).build()).isNotEqualTo(b);
    }

    @Test
    void outOfRangeLimitsAreRejectedByName() {
        assertThatThrownBy(() -> Budget.builder().attempts(0)).hasMessageContaining("attempts");
        assertThatThrownBy(() -> Budget.builder().inputTokens(-1)).hasMessageContaining("inputTokens");
        assertThatThrownBy(() -> Budget.builder().toolCalls(-1)).hasMessageContaining("toolCalls");
        assertThatThrownBy(() -> Budget.builder().cost(new BigDecimal("-0.01"))).hasMessageContaining("cost");
        assertThatThrownBy(() -> Budget.builder().wallTime(Duration.ZERO)).hasMessageContaining("wallTime");
    }
}
