package dev.arbiter.authority.verify.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import org.junit.jupiter.api.Test;

class NoPlaceholdersVerifierTest {

    private final VerifierTester tester = VerifierTester.of(new NoPlaceholdersVerifier());

    @Test
    void positiveCaseAFilledInLetterPasses() {
        tester.text("Dear Ms Lee, your order 4711 ships on 3 May [see tracking link below].").passes();
    }

    @Test
    void negativeCaseEachPlaceholderIsAFindingAtItsPosition() {
        Verdict.Fail fail = tester.text("Dear [Customer Name], order {{order_id}} ships on <insert date>.")
                .fails(FailureMode.SCHEMA_VIOLATION, "output contains the placeholder \"[Customer Name]\"");
        assertThat(fail.findings()).extracting(f -> f.location())
                .containsExactly(Location.span(5, 20), Location.span(28, 40), Location.span(50, 63));
        assertThat(fail.findings().get(1).feedback()).startsWith("Replace \"{{order_id}}\" with the actual value");
    }
}
