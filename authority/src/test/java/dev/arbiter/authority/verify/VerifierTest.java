package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.verify.testing.VerifierTester;
import org.junit.jupiter.api.Test;

class VerifierTest {

    @Test
    void namedVerifierHasItsIdAndRunsItsCheck() {
        Verifier v = Verifier.named("non-empty", c -> c.text().isEmpty()
                ? Verdict.humanReview("non-empty", "empty answer") : Verdict.pass("non-empty"));
        assertThat(v.id()).isEqualTo("non-empty");
        VerifierTester.of(v).text("x").passes();
        VerifierTester.of(v).text("").asksForReview();
    }

    @Test
    void idsMustBeUsable() {
        assertThatThrownBy(() -> Verifier.named(" ", c -> Verdict.pass(" "))).hasMessageContaining("not blank");
        assertThatThrownBy(() -> Verifier.named("a\nb", c -> Verdict.pass("a"))).hasMessageContaining("control characters");
        assertThatThrownBy(() -> Verifier.named("x".repeat(201), c -> Verdict.pass("x"))).hasMessageContaining("1 to 200");
    }
}
