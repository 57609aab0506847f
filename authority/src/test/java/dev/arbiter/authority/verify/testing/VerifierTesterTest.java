package dev.arbiter.authority.verify.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.FailureMode;
import org.junit.jupiter.api.Test;

class VerifierTesterTest {

    private final Verifier noApologies = Verifier.named("no-apologies", c -> c.text().contains("sorry")
            ? Verdict.fail("no-apologies", Finding.of("no-apologies", FailureMode.SCHEMA_VIOLATION, Location.whole(),
                    "the answer apologises", "Answer without apologising."))
            : Verdict.pass("no-apologies"));

    @Test
    void passesAndFailsReturnTheVerdictWhenTheyHold() {
        assertThat(VerifierTester.of(noApologies).text("Done.").passes().verifierId()).isEqualTo("no-apologies");
        assertThat(VerifierTester.of(noApologies).text("sorry").fails(FailureMode.SCHEMA_VIOLATION, "apologises").findings()).hasSize(1);
    }

    @Test
    void aWrongExpectationIsAnAssertionErrorThatShowsTheVerdict() {
        assertThatThrownBy(() -> VerifierTester.of(noApologies).text("sorry").passes())
                .isInstanceOf(AssertionError.class).hasMessageContaining("the answer apologises");
        assertThatThrownBy(() -> VerifierTester.of(noApologies).text("sorry").fails(FailureMode.HALLUCINATION))
                .isInstanceOf(AssertionError.class).hasMessageContaining("SCHEMA_VIOLATION at whole output: the answer apologises");
        assertThatThrownBy(() -> VerifierTester.of(noApologies).text("fine").asksForReview())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void theVerifierRunsGuarded() {
        Verifier broken = Verifier.named("broken", c -> {
            throw new IllegalStateException("boom");
        });
        VerifierTester.of(broken).text("x").fails(FailureMode.VERIFIER_ERROR, "boom");
    }
}
