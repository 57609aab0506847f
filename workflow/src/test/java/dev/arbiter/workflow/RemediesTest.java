package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.FailureMode;
import org.junit.jupiter.api.Test;

class RemediesTest {

    @Test
    void everyFailureModeHasADefaultRemedy() {
        for (FailureMode mode : FailureMode.values()) {
            assertThat(Remedies.defaults().forMode(mode)).as(mode.name()).isNotNull();
        }
    }

    @Test
    void theDefaultsFollowTheArchitecturePlan() {
        Remedies r = Remedies.defaults();
        assertThat(r.forMode(FailureMode.SCHEMA_VIOLATION)).isEqualTo(Remedy.REPAIR);
        assertThat(r.forMode(FailureMode.PROVIDER_UNAVAILABLE)).isEqualTo(Remedy.BACK_OFF);
        assertThat(r.forMode(FailureMode.CONTEXT_OVERFLOW)).isEqualTo(Remedy.SHRINK_CONTEXT);
        assertThat(r.forMode(FailureMode.RETRIEVAL_WRONG)).isEqualTo(Remedy.RE_RETRIEVE);
        assertThat(r.forMode(FailureMode.CONTENT_FILTERED)).isEqualTo(Remedy.ESCALATE);
        assertThat(r.forMode(FailureMode.PROVIDER_REJECTED)).isEqualTo(Remedy.ABORT);
    }

    @Test
    void withReturnsACopy() {
        Remedies changed = Remedies.defaults().with(FailureMode.REFUSAL, Remedy.REPAIR);
        assertThat(changed.forMode(FailureMode.REFUSAL)).isEqualTo(Remedy.REPAIR);
        assertThat(Remedies.defaults().forMode(FailureMode.REFUSAL)).isEqualTo(Remedy.ESCALATE);
    }

    @Test
    void aSpentBudgetOrAThrowingVerifierCannotBeRetried() {
        assertThatThrownBy(() -> Remedies.defaults().with(FailureMode.BUDGET_EXCEEDED, Remedy.BACK_OFF))
                .hasMessageContaining("BUDGET_EXCEEDED always aborts");
        assertThatThrownBy(() -> Remedies.defaults().with(FailureMode.VERIFIER_ERROR, Remedy.REPAIR))
                .hasMessageContaining("VERIFIER_ERROR always aborts");
    }
}
