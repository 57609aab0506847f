package dev.arbiter.steering.intent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.FailureMode;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.LintFinding;
import dev.arbiter.steering.intent.LintFinding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractLinterTest {

    /** A contract that lints clean; each test changes one thing. */
    static IntentContract.Builder complete() {
        return IntentContract.builder("c", "1")
                .purpose("Help clerks.")
                .audience("Clerks.")
                .task("Summarise the invoice and state the total.")
                .definition("total", "The gross amount payable.")
                .successCriterion("The total is stated.");
    }

    private static List<LintFinding> lint(IntentContract.Builder b) {
        return b.build().lint();
    }

    @Test
    void completeContractHasNoFindings() {
        assertThat(lint(complete())).isEmpty();
    }

    @Test
    void missingPurposeAudienceAndSuccessCriteriaAreUnderspecifiedErrors() {
        List<LintFinding> findings = IntentContract.builder("c", "1").task("Do it.").build().lint();

        assertThat(findings).extracting(f -> f.subjects().get(0))
                .containsExactly("purpose", "audience", "successCriteria");
        assertThat(findings).allMatch(f -> f.mode() == FailureMode.UNDERSPECIFIED && f.isError());
    }

    @Test
    void blankPurposeCountsAsMissing() {
        assertThat(lint(complete().purpose("   \n "))).singleElement()
                .satisfies(f -> assertThat(f.subjects()).containsExactly("purpose"));
    }

    @Test
    void termDefinedTwiceWithDifferentMeaningsIgnoringCaseIsAnError() {
        List<LintFinding> findings = lint(complete().definition("Total", "The net amount."));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.mode()).isEqualTo(FailureMode.UNDERSPECIFIED);
            assertThat(f.subjects()).containsExactly("definitions/total");
            assertThat(f.message()).contains("defined 2 times with different meanings")
                    .contains("The gross amount payable.").contains("The net amount.");
        });
    }

    @Test
    void termDefinedTwiceWithTheSameMeaningIsAWarning() {
        List<LintFinding> findings = lint(complete().definition("TOTAL", "the gross amount payable."));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("defined 2 times (with the same meaning)");
        });
    }

    @Test
    void taskThatRedefinesADefinedTermInlineIsAnError() {
        List<LintFinding> findings = lint(complete().task("State the total (meaning the amount before tax)."));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.mode()).isEqualTo(FailureMode.UNDERSPECIFIED);
            assertThat(f.subjects()).containsExactly("task", "definitions/total");
            assertThat(f.message()).contains("'the amount before tax'").contains("'The gross amount payable.'");
        });
    }

    @Test
    void everyRedefinitionFormIsRecognised() {
        for (String form : List.of("total (i.e. net)", "\"Total\" (that is: net)", "TOTAL (defined as net)",
                "total (= net)", "total (here, net)", "total(means net)")) {
            assertThat(lint(complete().task("State the " + form + ".")))
                    .as(form).anyMatch(f -> f.subjects().contains("task"));
        }
    }

    @Test
    void inlineRestatementThatAgreesWithTheDefinitionIsFine() {
        assertThat(lint(complete().task("State the total (meaning the gross amount payable)."))).isEmpty();
    }

    @Test
    void parenthesesThatAreNotARedefinitionAreFine() {
        assertThat(lint(complete().task("State the total (in euros) and the subtotal (meaning net)."))).isEmpty();
    }

    @Test
    void errorsComeBeforeWarnings() {
        List<LintFinding> findings = lint(complete().definition("total", "The gross amount payable.").audience(""));

        assertThat(findings).extracting(LintFinding::severity).containsExactly(Severity.ERROR, Severity.WARNING);
    }
}
