package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopConditionsTest {

    @Test
    void sequencesAndTokenLimitAreKept() {
        StopConditions s = StopConditions.sequences(List.of("END", "\n\n")).withMaxOutputTokens(256);

        assertThat(s.sequences()).containsExactly("END", "\n\n");
        assertThat(s.maxOutputTokens()).hasValue(256);
        assertThat(StopConditions.none().maxOutputTokens()).isEmpty();
    }

    @Test
    void emptySequenceAndNonPositiveLimitAreRejected() {
        assertThatThrownBy(() -> StopConditions.sequences(List.of(""))).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> StopConditions.none().withMaxOutputTokens(0)).hasMessageContaining("maxOutputTokens");
    }
}
