package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.verify.testing.VerifierTester;
import org.junit.jupiter.api.Test;

class HumanReviewVerifierTest {

    private final HumanReviewVerifier largeAmounts = HumanReviewVerifier.when("large-amount",
            c -> c.text().matches("(?s).*\\b\\d{5,}\\b.*"), "the answer mentions an amount of five digits or more");

    @Test
    void asksForReviewWhenTheConditionHolds() {
        Verdict.HumanReview review = VerifierTester.of(largeAmounts).text("We will refund 12000 EUR.").asksForReview();
        assertThat(review.verifierId()).isEqualTo("large-amount");
        assertThat(review.reason()).isEqualTo("the answer mentions an amount of five digits or more");
    }

    @Test
    void passesWhenItDoesNot() {
        VerifierTester.of(largeAmounts).text("We will refund 120 EUR.").passes();
    }

    @Test
    void theReasonCanNameTheCandidate() {
        HumanReviewVerifier v = HumanReviewVerifier.when("long", c -> c.text().length() > 5, c -> "answer has " + c.text().length() + " characters");
        assertThat(VerifierTester.of(v).text("123456").asksForReview().reason()).isEqualTo("answer has 6 characters");
    }

    @Test
    void alwaysAsks() {
        VerifierTester.of(HumanReviewVerifier.always("sign-off", "legal must sign off")).text("x").asksForReview();
    }

    @Test
    void aReasonIsRequired() {
        assertThatThrownBy(() -> HumanReviewVerifier.always("x", " ")).hasMessageContaining("needs a reason");
    }
}
