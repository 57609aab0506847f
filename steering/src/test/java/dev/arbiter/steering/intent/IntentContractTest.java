package dev.arbiter.steering.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.RuleCheck;
import dev.arbiter.core.RuleCheck.Length.Unit;
import dev.arbiter.steering.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentContractTest {

    static final String YAML = TestData.resource("/contracts/invoice-summary.yaml");

    /** The contract of invoice-summary.yaml, built in code. */
    static IntentContract inCode() {
        return IntentContract.builder("invoice-summary", "3")
                .purpose("Give the accounts team a short, reliable summary of each incoming invoice so they can "
                        + "approve or query it without opening the PDF.")
                .audience("Accounts clerks who know the suppliers but not every contract term.")
                .task("Summarise the invoice in the context. State the supplier, the total and the due date, and "
                        + "flag anything that needs a clerk's attention.")
                .rule(Rule.of("short", "Keep the summary under 120 words.", RuleCheck.length(Unit.WORDS, 0, 120)))
                .rule(Rule.of("english", "Write in English.", new RuleCheck.Language("en")))
                .rule(Rule.of("key-facts", "Mention the total and the due date.",
                        new RuleCheck.RequiredTerms(List.of("total", "due date"))))
                .rule(Rule.of("no-promises", "Never promise payment or approval.",
                        new RuleCheck.ForbiddenTerms(List.of("we will pay", "approved"))))
                .rule(Rule.of("Quote amounts exactly as they appear on the invoice."))
                .definition("due date", "The date by which the invoice must be paid, as printed on the invoice.")
                .definition("total", "The gross amount payable, including tax.")
                .successCriterion("A clerk can decide to approve or query the invoice from the summary alone.")
                .successCriterion("Every amount in the summary appears verbatim on the invoice.")
                .nonGoal("Deciding whether the invoice should be paid.")
                .example("Invoice 4711 from Acme Ltd, total EUR 1,190.00 incl. VAT, due 2024-07-31.",
                        "Acme Ltd invoice 4711: total EUR 1,190.00 (incl. VAT), due date 2024-07-31.\nNothing unusual.\n")
                .build();
    }

    @Test
    void renderingAndFingerprintAreComputedOnceAndKept() {
        IntentContract contract = IntentContract.builder("memo", "1").purpose("Summarise.").audience("Clerks.")
                .successCriterion("Short.").build();
        IntentContract same = IntentContract.builder("memo", "1").purpose("Summarise.").audience("Clerks.")
                .successCriterion("Short.").build();

        String rendered = contract.render();
        String fingerprint = contract.fingerprint();

        assertThat(contract.render()).isSameAs(rendered).isEqualTo(same.render());
        assertThat(contract.fingerprint()).isSameAs(fingerprint).isEqualTo(same.fingerprint());
        assertThat(contract.canonicalJson()).isSameAs(contract.canonicalJson());
    }

    @Test
    void contractBuiltInCodeAndLoadedFromYamlRenderTheSameBytes() {
        IntentContract loaded = IntentContract.fromYaml(YAML, "invoice-summary.yaml");

        assertThat(loaded.render().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(inCode().render().getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.fingerprint()).isEqualTo(inCode().fingerprint());
        assertThat(loaded).isEqualTo(inCode());
    }

    @Test
    void renderingIsDeterministicAcrossCalls() {
        IntentContract c = IntentContract.fromYaml(YAML, "invoice-summary.yaml");

        assertThat(c.render()).isEqualTo(c.render()).isEqualTo(c.toBuilder().build().render());
    }

    @Test
    void renderHasEverySectionInAFixedOrderWithChecksInWords() {
        String text = inCode().render();

        assertThat(text).containsSubsequence("## Purpose\n", "## Audience\n", "## Task\n",
                "## Rules (every rule must hold)\n", "## Definitions (use these meanings)\n", "## Success criteria\n",
                "## Non-goals (do not do these)\n", "## Examples\n");
        assertThat(text).contains("1. Keep the summary under 120 words. [short]\n   Checked: at most 120 words.\n");
        assertThat(text).contains("- due date: The date by which");
        assertThat(text).contains("Output:\nAcme Ltd invoice 4711: total EUR 1,190.00 (incl. VAT), due date "
                + "2024-07-31.\nNothing unusual.\n");
        assertThat(text).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\r");
    }

    @Test
    void renderLeavesOutEmptySections() {
        String text = IntentContract.builder("x", "1").purpose("P.").build().render();

        assertThat(text).isEqualTo("## Purpose\nP.\n");
    }

    @Test
    void fingerprintIgnoresWhitespaceKeyOrderAndDefinitionOrderInTheFile() {
        String reshaped = """
                version: '3'
                id:    invoice-summary
                audience: "Accounts clerks who know the suppliers   but not every contract term.  "
                purpose: Give the accounts team a short, reliable summary of each incoming invoice so they can approve or query it without opening the PDF.
                task: |
                  Summarise the invoice in the context.
                  State the supplier, the total and the due date, and flag anything that needs a clerk's attention.
                definitions:
                  total:    The gross amount payable, including tax.
                  due date: The date by which the invoice must be paid, as printed on the invoice.
                rules:
                  - check: {maxWords: 120}
                    text: "Keep the summary   under 120 words."
                    id: short
                  - {id: english, text: Write in English., check: {language: en}}
                  - id: key-facts
                    text: Mention the total and the due date.
                    check: {require: [total, due date]}
                  - id: no-promises
                    text: Never promise payment or approval.
                    check: {forbid: [we will pay, approved]}
                  - Quote amounts exactly as they appear on the invoice.
                nonGoals: [Deciding whether the invoice should be paid.]
                successCriteria:
                  - A clerk can decide to approve or query the invoice from the summary alone.
                  - "Every amount in the summary appears verbatim on the invoice.   "
                examples:
                  - output: "Acme Ltd invoice 4711: total EUR 1,190.00 (incl. VAT), due date 2024-07-31.   \\r\\nNothing unusual.\\n\\n"
                    input: Invoice 4711 from Acme Ltd, total EUR 1,190.00 incl. VAT, due 2024-07-31.
                """;

        IntentContract original = IntentContract.fromYaml(YAML, "original.yaml");
        IntentContract moved = IntentContract.fromYaml(reshaped, "reshaped.yaml");

        assertThat(moved.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(moved.render()).isEqualTo(original.render());
    }

    @Test
    void fingerprintIsTheSha256OfTheCanonicalJson() {
        IntentContract c = inCode();

        assertThat(c.fingerprint()).hasSize(64).isEqualTo(dev.arbiter.core.Digests.sha256Hex(c.canonicalJson()));
    }

    @Test
    void everyMeaningfulEditChangesTheFingerprint() {
        String base = inCode().fingerprint();
        List<UnaryOperator<IntentContract.Builder>> edits = List.of(
                b -> b.purpose("Another purpose."),
                b -> b.audience("Auditors."),
                b -> b.task("Summarise the credit note."),
                b -> b.rule(Rule.of("Be polite.")),
                b -> b.definition("VAT", "Value added tax."),
                b -> b.successCriterion("Fits on a phone screen."),
                b -> b.nonGoal("Translating the invoice."),
                b -> b.example("in", "out"));
        for (UnaryOperator<IntentContract.Builder> edit : edits) {
            assertThat(edit.apply(inCode().toBuilder()).build().fingerprint()).isNotEqualTo(base);
        }
        assertThat(IntentContract.fromYaml(YAML.replace("maxWords: 120", "maxWords: 121"), "a").fingerprint())
                .isNotEqualTo(base);
        assertThat(IntentContract.fromYaml(YAML.replace("version: \"3\"", "version: \"4\""), "b").fingerprint())
                .isNotEqualTo(base);
        assertThat(IntentContract.fromYaml(YAML.replace("id: english", "id: language"), "c").fingerprint())
                .isNotEqualTo(base);
        assertThat(IntentContract.fromYaml(YAML.replace("Nothing unusual.", "Nothing  unusual."), "d").fingerprint())
                .as("spaces inside an example line are content").isNotEqualTo(base);
        assertThat(IntentContract.fromYaml(YAML.replace("forbid: [we will pay, approved]",
                "forbid: [approved, we will pay]"), "e").fingerprint()).isNotEqualTo(base);
    }

    @Test
    void reorderingRulesChangesTheFingerprint() {
        IntentContract a = IntentContract.builder("x", "1").rule(Rule.of("First.")).rule(Rule.of("Second.")).build();
        IntentContract b = IntentContract.builder("x", "1").rule(Rule.of("Second.")).rule(Rule.of("First.")).build();

        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void checksListsEveryRulesChecksInRuleOrder() {
        assertThat(inCode().checks()).containsExactly(
                RuleCheck.length(Unit.WORDS, 0, 120),
                new RuleCheck.Language("en"),
                new RuleCheck.RequiredTerms(List.of("total", "due date")),
                new RuleCheck.ForbiddenTerms(List.of("we will pay", "approved")));
    }

    @Test
    void ruleWithoutIdGetsAnIdDerivedFromItsText() {
        IntentContract c = IntentContract.fromYaml(YAML, "y");

        assertThat(c.rules().get(4).id())
                .isEqualTo(Rule.derivedId("Quote amounts exactly as they appear on the invoice."))
                .startsWith("rule-").hasSize(13);
    }

    @Test
    void twoRulesWithOneIdAreRejectedNamingTheId() {
        IntentContract.Builder b = IntentContract.builder("x", "1").rule(Rule.of("a", "One."));

        assertThatThrownBy(() -> b.rule(Rule.of("a", "Two.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
    }

    @Test
    void loadPicksTheFormatFromTheFileName(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("c.yml"), YAML);
        Path json = Files.writeString(dir.resolve("c.json"), "{\"id\":\"invoice-summary\",\"version\":\"3\"}");
        Path txt = Files.writeString(dir.resolve("c.txt"), YAML);

        assertThat(IntentContract.load(yaml)).isEqualTo(inCode());
        assertThat(IntentContract.load(json).id()).isEqualTo("invoice-summary");
        assertThatThrownBy(() -> IntentContract.load(txt)).hasMessageContaining("c.txt");
    }

    @Test
    void theYamlExampleInTheDocsIsTheOneTheTestsLoad() {
        String docs = TestData.read(TestData.repoFile("docs/steering.md"));
        int start = docs.indexOf("```yaml\n# An intent contract");
        assertThat(start).as("docs/steering.md has the contract example").isNotNegative();
        String block = docs.substring(start + "```yaml\n".length(), docs.indexOf("```\n", start + 8));

        assertThat(block).isEqualTo(YAML);
    }
}
