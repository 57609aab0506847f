package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Usage;
import dev.arbiter.steering.constraint.Budget;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunBudgetTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void attemptsStopAtTheLimit() {
        RunBudget budget = RunBudget.start(Budget.builder().attempts(2).build(), PriceTable.empty(), clock);
        assertThat(budget.tryAttempt()).isEmpty();
        assertThat(budget.tryAttempt()).isEmpty();
        assertThat(budget.tryAttempt()).hasValueSatisfying(m -> assertThat(m).contains("all 2 attempts"));
    }

    @Test
    void wallTimeIsMeasuredFromTheStartOfTheRun() {
        RunBudget budget = RunBudget.start(Budget.builder().wallTime(Duration.ofSeconds(10)).build(),
                PriceTable.empty(), clock);
        now.set(now.get().plusSeconds(9));
        assertThat(budget.exceeded()).isEmpty();
        now.set(now.get().plusSeconds(2));
        assertThat(budget.exceeded()).hasValueSatisfying(m -> assertThat(m).contains("11000 ms"));
    }

    @Test
    void anUnpricedModelFailsClosedUnderACostBudget() {
        RunBudget budget = RunBudget.start(Budget.builder().cost(BigDecimal.ONE).build(), PriceTable.empty(), clock);
        assertThat(budget.charge("mystery-model", Usage.of(1, 1)))
                .hasValueSatisfying(m -> assertThat(m).contains("'mystery-model' has no price"));
    }

    @Test
    void anUnpricedModelIsFineWithoutACostBudget() {
        RunBudget budget = RunBudget.start(Budget.unlimited(), PriceTable.empty(), clock);
        assertThat(budget.charge("mystery-model", Usage.of(1, 1))).isEmpty();
        assertThat(budget.spend().usage()).isEqualTo(Usage.of(1, 1));
    }

    @Test
    void aResumedBudgetContinuesFromTheStoredSpend() {
        Spend stored = new Spend(2, Usage.of(10, 10), 0, BigDecimal.ZERO, Duration.ofSeconds(5));
        RunBudget budget = RunBudget.resume(Budget.builder().attempts(3).build(), PriceTable.empty(), clock, stored);
        assertThat(budget.tryAttempt()).isEmpty();
        assertThat(budget.tryAttempt()).isPresent();
        assertThat(budget.spend().elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void toolCallsStopAtTheLimit() {
        RunBudget budget = RunBudget.start(Budget.builder().toolCalls(1).build(), PriceTable.empty(), clock);
        assertThat(budget.tryToolCall()).isEmpty();
        assertThat(budget.tryToolCall()).hasValueSatisfying(m -> assertThat(m).contains("all 1 tool calls"));
    }
}
