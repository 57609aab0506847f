package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.RuleCheck;
import dev.arbiter.core.RuleCheck.Format.OutputFormat;
import dev.arbiter.core.RuleCheck.Length.Unit;
import org.junit.jupiter.api.Test;

class RuleVerifierTest {

    private static VerifierTester rule(RuleVerifier v) {
        return VerifierTester.of(v);
    }

    @Test
    void mustMatchPassesWhenThePatternIsFoundAndFailsOtherwise() {
        RuleVerifier v = RuleVerifier.mustMatch("INV-\\d{4}");
        rule(v).text("Your invoice INV-2024 is attached.").passes();
        Verdict.Fail fail = rule(v).text("Your invoice is attached.").fails(FailureMode.SCHEMA_VIOLATION, "does not match /INV-\\d{4}/");
        assertThat(fail.findings().get(0).feedback()).contains("contains a match of the regular expression /INV-\\d{4}/");
        assertThat(v.id()).isEqualTo("rule:must match /INV-\\d{4}/");
    }

    @Test
    void mustNotMatchLocatesTheMatch() {
        RuleVerifier v = RuleVerifier.mustNotMatch("\\b\\d{3}-\\d{2}-\\d{4}\\b");
        rule(v).text("No identifiers here.").passes();
        Verdict.Fail fail = rule(v).text("SSN: 123-45-6789.").fails(FailureMode.SCHEMA_VIOLATION, "\"123-45-6789\"");
        assertThat(fail.findings().get(0).location()).isEqualTo(Location.span(5, 16));
    }

    @Test
    void aRunawayPatternFailsClosedInsteadOfHanging() {
        RuleVerifier v = RuleVerifier.mustMatch("(a+)+$");
        rule(v).text("a".repeat(5_000) + "!").fails(FailureMode.VERIFIER_ERROR, "took too long");
    }

    @Test
    void wordLengthBoundsCountWordsAndSayByHowMuch() {
        RuleVerifier v = RuleVerifier.length(Unit.WORDS, 2, 5);
        rule(v).text("Three short words.").passes();
        Verdict.Fail fail = rule(v).text("one two three four five six - seven").fails(FailureMode.SCHEMA_VIOLATION,
                "output has 7 words; at most 5 allowed");
        assertThat(fail.findings().get(0).feedback()).isEqualTo("Shorten the output to at most 5 words (it has 7).");
        rule(v).text("Hi").fails(FailureMode.SCHEMA_VIOLATION, "at least 2 required");
    }

    @Test
    void wordsAreWhiteSpaceSeparatedRunsWithALetterOrDigit() {
        RuleVerifier v = RuleVerifier.length(Unit.WORDS, 0, 100);
        assertThat(rule(v).text("a-b ... 42\t\u00e9t\u00e9\n\u2167 (x) \ud835\udc00 --").passes().notes())
                .anyMatch(n -> n.contains("6 words"));
    }

    @Test
    void regressionWordCountingIsLinearOnLongRunsWithoutLetters() {
        long start = cpuNanos();
        rule(RuleVerifier.length(Unit.WORDS, 1, 5)).text("{},".repeat(200_000) + "{}")
                .fails(FailureMode.SCHEMA_VIOLATION, "output has 0 words");
        // the regular expression it replaced took minutes on this input
        assertThat(cpuNanos() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void characterLengthCountsCodePoints() {
        RuleVerifier v = RuleVerifier.length(Unit.CHARACTERS, 0, 3);
        rule(v).text("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00").passes();
        rule(v).text("abcd").fails(FailureMode.SCHEMA_VIOLATION, "output has 4 characters");
    }

    @Test
    void requiredTermsAreCaseInsensitiveWholeWords() {
        RuleVerifier v = RuleVerifier.requiredTerms("refund", "14 days");
        rule(v).text("A REFUND is possible within 14\ndays.").passes();
        rule(v).text("Refunds are possible within 14 days.").fails(FailureMode.SCHEMA_VIOLATION, "does not mention 'refund'");
    }

    @Test
    void forbiddenTermsAreLocatedAndListed() {
        RuleVerifier v = RuleVerifier.forbiddenTerms("guarantee", "C++");
        rule(v).text("We guard the data; written in C.").passes();
        Verdict.Fail fail = rule(v).text("We Guarantee it, in C++ too.")
                .fails(FailureMode.SCHEMA_VIOLATION, "forbidden terms 'guarantee' (characters [3,12)), 'C++' (characters [20,23))");
        assertThat(fail.findings().get(0).location()).isEqualTo(Location.span(3, 12));
    }

    @Test
    void languageRulePassesTheLanguageAndFailsAnother() {
        RuleVerifier v = RuleVerifier.language("en");
        rule(v).text("The refund will be paid to your account within two weeks, as we agreed on the phone.").passes();
        rule(v).text("Die Erstattung wird innerhalb von zwei Wochen auf Ihr Konto überwiesen, wie wir es am Telefon vereinbart haben.")
                .fails(FailureMode.SCHEMA_VIOLATION, "looks German, not English");
    }

    @Test
    void languageRuleAsksAPersonWhenItCannotTell() {
        assertThat(rule(RuleVerifier.language("en")).text("OK.").asksForReview().reason()).contains("cannot tell");
        assertThat(rule(RuleVerifier.language("ja")).text("The answer.").asksForReview().reason())
                .contains("cannot check language 'ja' mechanically");
    }

    @Test
    void jsonFormatRequiresOneBareJsonValue() {
        RuleVerifier v = RuleVerifier.format(OutputFormat.JSON);
        rule(v).text("{\"a\": 1}").passes();
        rule(v).text("```json\n{\"a\": 1}\n```").fails(FailureMode.SCHEMA_VIOLATION, "Markdown code fence");
    }

    @Test
    void markdownFormatRequiresClosedFencesAndNoBareJson() {
        RuleVerifier v = RuleVerifier.format(OutputFormat.MARKDOWN);
        rule(v).text("# Title\n\n```java\nint x;\n```\n").passes();
        rule(v).text("# Title\n\n```java\nint x;\n").fails(FailureMode.SCHEMA_VIOLATION, "never closed (opened at line 3)");
        rule(v).text("{\"a\": 1}").fails(FailureMode.SCHEMA_VIOLATION, "bare JSON value");
    }

    @Test
    void plainTextFormatRejectsMarkdownAndHtml() {
        RuleVerifier v = RuleVerifier.format(OutputFormat.PLAIN_TEXT);
        rule(v).text("Dear customer, your refund - 40 EUR - is on its way.").passes();
        rule(v).text("Dear customer,\n## Refund\nIt is on its way.").fails(FailureMode.SCHEMA_VIOLATION, "a heading at line 2");
        rule(v).text("See [the policy](https://example.com).").fails(FailureMode.SCHEMA_VIOLATION, "a link");
        rule(v).text("It is <b>done</b>.").fails(FailureMode.SCHEMA_VIOLATION, "an HTML tag");
    }

    @Test
    void aRuleCanBeGivenItsOwnId() {
        assertThat(RuleVerifier.of("max-100-words", RuleCheck.length(Unit.WORDS, 0, 100)).id()).isEqualTo("max-100-words");
    }

    /** The current thread's CPU time: a bound on it holds on a shared machine, where wall-clock time does not. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
