package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.RuleCheck;
import dev.arbiter.core.RuleCheck.Length.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractRulesVerifierTest {

    private final ContractRulesVerifier rules = ContractRulesVerifier.of(List.of(
            RuleCheck.length(Unit.WORDS, 0, 30),
            new RuleCheck.RequiredTerms(List.of("refund")),
            new RuleCheck.ForbiddenTerms(List.of("guarantee")),
            new RuleCheck.Language("en"),
            new RuleCheck.Format(RuleCheck.Format.OutputFormat.PLAIN_TEXT)));

    @Test
    void anOutputKeepingEveryRulePassesWithANotePerRule() {
        Verdict.Pass pass = VerifierTester.of(rules)
                .text("Your refund of 40 euros was approved today and it will reach your account within five working days.")
                .passes();
        assertThat(pass.notes()).hasSize(5).allMatch(n -> n.startsWith("rule '"));
    }

    @Test
    void everyBrokenRuleIsOneFindingNamingTheRule() {
        Verdict.Fail fail = VerifierTester.of(rules)
                .text("## Answer\nWe guarantee that the money will be paid back to you, and we are sorry for the delay "
                        + "that you have had with this order and with the two orders that you placed before it in May.")
                .fails(FailureMode.SCHEMA_VIOLATION, "rule 'at most 30 words' is broken: output has 38 words");
        assertThat(fail.findings()).extracting(Finding::message).anyMatch(m -> m.startsWith("rule 'must mention [refund]' is broken"))
                .anyMatch(m -> m.startsWith("rule 'must not mention [guarantee]' is broken"))
                .anyMatch(m -> m.startsWith("rule 'formatted as plain text' is broken"));
        assertThat(fail.findings()).hasSize(4).allMatch(f -> f.mode() == FailureMode.SCHEMA_VIOLATION);
    }

    @Test
    void anUndecidableRuleAsksForReviewWhenNothingIsBroken() {
        VerifierTester.of(ContractRulesVerifier.of(List.of(new RuleCheck.Language("en"), new RuleCheck.RequiredTerms(List.of("ok")))))
                .text("OK").asksForReview();
    }

    @Test
    void aContractWithoutRulesPassesAndSaysSo() {
        assertThat(VerifierTester.of(ContractRulesVerifier.of(List.of())).text("x").passes().notes())
                .containsExactly("the contract has no machine-checkable rules");
    }
}
