package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.FailureMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void mapTransformsOnlyAnAcceptedValue() {
        assertThat(Outcome.accepted(2, "r").map(x -> x * 10)).isEqualTo(Outcome.accepted(20, "r"));
        Outcome<Integer> escalated = new Outcome.Escalated<>("r/s", FailureMode.REFUSAL, "refused");
        assertThat(escalated.map(x -> x * 10)).isEqualTo(new Outcome.Escalated<Integer>("r/s", FailureMode.REFUSAL,
                "refused"));
    }

    @Test
    void onlyAcceptedIsAccepted() {
        assertThat(Outcome.accepted("v", "r").isAccepted()).isTrue();
        assertThat(new Outcome.Rejected<String>(List.of(), 3).isAccepted()).isFalse();
    }

    @Test
    void anAcceptedOutcomeNeedsAValue() {
        assertThatThrownBy(() -> new Outcome.Accepted<String>(null, "r")).hasMessage("value");
    }
}
