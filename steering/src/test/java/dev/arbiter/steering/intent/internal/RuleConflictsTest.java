package dev.arbiter.steering.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.FailureMode;
import dev.arbiter.core.RuleCheck;
import dev.arbiter.core.RuleCheck.Format.OutputFormat;
import dev.arbiter.core.RuleCheck.Length.Unit;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.LintFinding;
import dev.arbiter.steering.intent.LintFinding.Severity;
import dev.arbiter.steering.intent.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleConflictsTest {

    private static List<LintFinding> conflicts(Rule... rules) {
        IntentContract.Builder b = ContractLinterTest.complete();
        for (Rule r : rules) b.rule(r);
        return b.build().lint().stream().filter(f -> f.mode() == FailureMode.CONSTRAINT_CONFLICT).toList();
    }

    private static Rule rule(String id, RuleCheck... checks) {
        return Rule.of(id, "Rule " + id + ".", checks);
    }

    private static RuleCheck words(int min, int max) {
        return RuleCheck.length(Unit.WORDS, min, max);
    }

    private static RuleCheck chars(int min, int max) {
        return RuleCheck.length(Unit.CHARACTERS, min, max);
    }

    private static RuleCheck require(String... terms) {
        return new RuleCheck.RequiredTerms(List.of(terms));
    }

    private static RuleCheck forbid(String... terms) {
        return new RuleCheck.ForbiddenTerms(List.of(terms));
    }

    @Test
    void atMostFewerWordsThanAtLeastIsAConflictNamingBothRules() {
        List<LintFinding> found = conflicts(rule("short", words(0, 100)), rule("long", words(300, Integer.MAX_VALUE)));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.subjects()).containsExactly("long", "short");
            assertThat(f.message()).contains("at least 300 words").contains("at most 100");
        });
    }

    @Test
    void compatibleWordBoundsAreFine() {
        assertThat(conflicts(rule("a", words(0, 300)), rule("b", words(100, Integer.MAX_VALUE)))).isEmpty();
        assertThat(conflicts(rule("a", words(100, 100)), rule("b", words(100, 200)))).isEmpty();
    }

    @Test
    void characterBoundsConflictLikeWordBounds() {
        assertThat(conflicts(rule("a", chars(0, 50)), rule("b", chars(51, Integer.MAX_VALUE)))).hasSize(1);
        assertThat(conflicts(rule("a", chars(0, 50)), rule("b", chars(50, Integer.MAX_VALUE)))).isEmpty();
    }

    @Test
    void wordsThatCannotFitTheCharacterLimitConflict() {
        // 26 words need at least 26 letters and 25 spaces = 51 characters.
        assertThat(conflicts(rule("a", chars(0, 50)), rule("b", words(26, Integer.MAX_VALUE))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("at least 51 characters"));
        assertThat(conflicts(rule("a", chars(0, 51)), rule("b", words(26, Integer.MAX_VALUE)))).isEmpty();
    }

    @Test
    void termBothRequiredAndForbiddenIgnoringCaseConflicts() {
        assertThat(conflicts(rule("a", require("Refund")), rule("b", forbid("refund"))))
                .singleElement().satisfies(f -> {
                    assertThat(f.subjects()).containsExactly("a", "b");
                    assertThat(f.message()).contains("both required and forbidden");
                });
    }

    @Test
    void requiredTermContainingAForbiddenWordConflicts() {
        assertThat(conflicts(rule("a", require("full refund")), rule("b", forbid("Refund"))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("contains the forbidden term"));
    }

    @Test
    void forbiddenTextInsideAnotherWordIsNotProvablyAConflict() {
        assertThat(conflicts(rule("a", require("cardigan")), rule("b", forbid("car")))).isEmpty();
        assertThat(conflicts(rule("a", require("total")), rule("b", forbid("subtotal")))).isEmpty();
    }

    @Test
    void twoOutputLanguagesConflict() {
        assertThat(conflicts(rule("a", new RuleCheck.Language("en")), rule("b", new RuleCheck.Language("de"))))
                .singleElement().satisfies(f -> assertThat(f.subjects()).containsExactly("a", "b"));
        assertThat(conflicts(rule("a", new RuleCheck.Language("en")), rule("b", new RuleCheck.Language("en"))))
                .isEmpty();
    }

    @Test
    void twoFormatsConflict() {
        assertThat(conflicts(rule("a", new RuleCheck.Format(OutputFormat.JSON)),
                rule("b", new RuleCheck.Format(OutputFormat.MARKDOWN)))).hasSize(1);
        assertThat(conflicts(rule("a", new RuleCheck.Format(OutputFormat.JSON)),
                rule("b", new RuleCheck.Format(OutputFormat.JSON)))).isEmpty();
    }

    @Test
    void requiredTermMatchedByACaseInsensitiveMustNotMatchConflicts() {
        assertThat(conflicts(rule("a", require("invoice 2024")), rule("b", new RuleCheck.MustNotMatch("\\d{4}"))))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(conflicts(rule("a", require("Invoice")), rule("b", new RuleCheck.MustNotMatch("(?i)invoice"))))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void caseSensitiveMustNotMatchOnARequiredTermIsOnlyAWarning() {
        assertThat(conflicts(rule("a", require("Invoice")), rule("b", new RuleCheck.MustNotMatch("Invoice"))))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void anchoredOrNonMatchingMustNotMatchIsNotAConflict() {
        assertThat(conflicts(rule("a", require("2024")), rule("b", new RuleCheck.MustNotMatch("^\\d{4}$")))).isEmpty();
        assertThat(conflicts(rule("a", require("total")), rule("b", new RuleCheck.MustNotMatch("\\d")))).isEmpty();
    }

    @Test
    void requiredTermLongerThanTheLimitConflicts() {
        assertThat(conflicts(rule("a", require("due date")), rule("b", words(0, 1)))).hasSize(1);
        assertThat(conflicts(rule("a", require("due date")), rule("b", chars(0, 7)))).hasSize(1);
        assertThat(conflicts(rule("a", require("due date")), rule("b", words(0, 2), chars(0, 8)))).isEmpty();
    }

    @Test
    void literalMustMatchCountsAsARequiredTerm() {
        assertThat(conflicts(rule("a", new RuleCheck.MustMatch("No refund")), rule("b", forbid("refund"))))
                .hasSize(1);
        assertThat(conflicts(rule("a", new RuleCheck.MustMatch("ref.nd")), rule("b", forbid("refund")))).isEmpty();
    }

    @Test
    void sameRegexRequiredAndForbiddenConflicts() {
        assertThat(conflicts(rule("a", new RuleCheck.MustMatch("^#")), rule("b", new RuleCheck.MustNotMatch("^#"))))
                .hasSize(1);
    }
}
