package dev.arbiter.steering.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.RuleCheck;
import dev.arbiter.core.RuleCheck.Length.Unit;
import dev.arbiter.steering.intent.ContractFormatException;
import dev.arbiter.steering.intent.IntentContract;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ContractReaderTest {

    private static ContractFormatException failure(ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(ContractFormatException.class);
        return (ContractFormatException) t;
    }

    @Test
    void unknownKeyIsNamedWithItsLineAndASuggestion() {
        ContractFormatException e = failure(() -> IntentContract.fromYaml("""
                id: a
                version: 1
                purpse: Summarise.
                """, "a.yaml"));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("a.yaml, line 3, column 1: unknown key 'purpse'; did you mean 'purpose'?");
    }

    @Test
    void unknownKeyInsideACheckIsNamedWithItsLine() {
        ContractFormatException e = failure(() -> IntentContract.fromYaml("""
                id: a
                version: 1
                rules:
                  - text: Short.
                    check:
                      maxWord: 10
                """, "a.yaml"));

        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("unknown key 'maxWord'; did you mean 'maxWords'?");
    }

    @Test
    void wrongTypesAreNamed() {
        ContractFormatException list = failure(() -> IntentContract.fromYaml("""
                id: a
                version: 1
                purpose:
                  - one
                  - two
                """, "a.yaml"));
        ContractFormatException count = failure(() -> IntentContract.fromYaml("""
                id: a
                version: 1
                rules:
                  - text: Short.
                    check: {maxWords: ten}
                """, "a.yaml"));

        assertThat(list.line()).isEqualTo(4);
        assertThat(list.getMessage()).contains("'purpose' must be text, was a list");
        assertThat(count.line()).isEqualTo(5);
        assertThat(count.getMessage()).contains("'maxWords' must be a whole number, was text");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsParsedNamingWhereItGoesPast() {
        String big = "id: a\nversion: 1\npurpose: \"" + "x".repeat(5_000_000) + "\"\n";
        long t0 = System.nanoTime();
        ContractFormatException e = failure(() -> IntentContract.fromYaml(big, "big.yaml"));
        assertThat(e.getMessage()).isEqualTo("big.yaml, line 3, column " + (LocatedTree.MAX_CHARS - 16)
                + ": the file has 5000029 characters, over the limit of 1048576 for a contract file; it goes past the"
                + " limit here");
        assertThat(System.nanoTime() - t0).as("refused without parsing (a parse took seconds)")
                .isLessThan(2_000_000_000L);
        String atTheLimit = "id: a\nversion: 1\npurpose: \"" + "x".repeat(LocatedTree.MAX_CHARS - 29) + "\"\n";
        assertThat(atTheLimit).hasSize(LocatedTree.MAX_CHARS);
        assertThat(IntentContract.fromYaml(atTheLimit, "limit.yaml").purpose()).hasSize(LocatedTree.MAX_CHARS - 29);
    }

    @Test
    void missingIdIsReported() {
        assertThat(failure(() -> IntentContract.fromYaml("version: 1\npurpose: x\n", "a.yaml")).getMessage())
                .contains("missing 'id'");
    }

    @Test
    void duplicateKeyIsReportedWithBothLines() {
        ContractFormatException e = failure(() -> IntentContract.fromYaml("""
                id: a
                version: 1
                task: one
                task: two
                """, "a.yaml"));

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("key 'task' appears twice (first on line 3)");
    }

    @Test
    void badRegexAndBadFormatAndBadLanguageAreReportedAtTheirCheck() {
        assertThat(failure(() -> IntentContract.fromYaml(
                "id: a\nversion: 1\nrules:\n  - text: x\n    check: {mustMatch: '(unclosed'}\n", "a")).line())
                .isEqualTo(5);
        assertThat(failure(() -> IntentContract.fromYaml(
                "id: a\nversion: 1\nrules:\n  - text: x\n    check: {format: xml}\n", "a")).getMessage())
                .contains("'format' must be one of json, markdown, plain_text; was 'xml'");
        assertThat(failure(() -> IntentContract.fromYaml(
                "id: a\nversion: 1\nrules:\n  - text: x\n    check: {language: English}\n", "a")).getMessage())
                .contains("ISO 639-1");
    }

    @Test
    void invalidYamlNamesTheLine() {
        ContractFormatException e = failure(() -> IntentContract.fromYaml("id: a\nversion: 1\ntask: [unclosed\n", "a"));

        assertThat(e.line()).isGreaterThanOrEqualTo(3);
        assertThat(e.getMessage()).contains("not valid YAML");
    }

    @Test
    void jsonErrorsNameTheLineToo() {
        ContractFormatException unknown = failure(() -> IntentContract.fromJson("""
                {
                  "id": "a",
                  "version": "1",
                  "nonGoal": ["x"]
                }
                """, "a.json"));
        ContractFormatException broken = failure(() -> IntentContract.fromJson("{\n  \"id\": \"a\",\n  \"version\": }\n",
                "b.json"));

        assertThat(unknown.line()).isEqualTo(4);
        assertThat(unknown.getMessage()).contains("unknown key 'nonGoal'; did you mean 'nonGoals'?");
        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.getMessage()).contains("not valid JSON");
    }

    @Test
    void checkKeysBecomeCoreRuleChecks() {
        IntentContract c = IntentContract.fromYaml("""
                id: a
                version: 1
                rules:
                  - text: All of them.
                    check:
                      minWords: 10
                      maxWords: 50
                      maxChars: 400
                      language: de
                      require: total
                      forbid: [maybe, perhaps]
                      format: Plain Text
                      mustMatch: '\\d+'
                      mustNotMatch: 'TODO'
                """, "a.yaml");

        assertThat(c.checks()).containsExactly(
                RuleCheck.length(Unit.WORDS, 10, 50),
                RuleCheck.length(Unit.CHARACTERS, 0, 400),
                new RuleCheck.Language("de"),
                new RuleCheck.RequiredTerms(List.of("total")),
                new RuleCheck.ForbiddenTerms(List.of("maybe", "perhaps")),
                new RuleCheck.Format(RuleCheck.Format.OutputFormat.PLAIN_TEXT),
                new RuleCheck.MustMatch("\\d+"),
                new RuleCheck.MustNotMatch("TODO"));
    }

    @Test
    void minimumAboveMaximumInOneCheckLoadsSoThatLintCanReportIt() {
        IntentContract c = IntentContract.fromYaml(
                "id: a\nversion: 1\nrules:\n  - {id: r, text: x, check: {minWords: 300, maxWords: 100}}\n", "a");

        assertThat(c.checks()).containsExactly(RuleCheck.length(Unit.WORDS, 300, Integer.MAX_VALUE),
                RuleCheck.length(Unit.WORDS, 0, 100));
        assertThat(c.lint()).anyMatch(f -> f.subjects().equals(List.of("r"))
                && f.mode() == dev.arbiter.core.FailureMode.CONSTRAINT_CONFLICT);
    }

    @Test
    void numericVersionKeepsItsWrittenForm() {
        assertThat(IntentContract.fromYaml("id: a\nversion: 1.10\n", "a").version()).isEqualTo("1.10");
    }

    @Test
    void emptyFileIsReported() {
        assertThatThrownBy(() -> IntentContract.fromYaml("", "empty.yaml"))
                .isInstanceOf(ContractFormatException.class).hasMessageContaining("empty.yaml").hasMessageContaining("empty");
    }
}
