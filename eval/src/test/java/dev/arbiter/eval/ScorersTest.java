package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.ResponseSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Score score(Scorer scorer, Object expected, Object output) {
        return scorer.score(ScoringContext.of(GoldenCase.of("c1", "input", expected), output));
    }

    @Test
    void exactMatchPassesOnlyIdenticalText() {
        assertThat(score(Scorers.exactMatch(), "Paris", "Paris").passed()).isTrue();
        Score miss = score(Scorers.exactMatch(), "Paris", "paris");
        assertThat(miss.passed()).isFalse();
        assertThat(miss.explanation()).isEqualTo("expected \"Paris\", got \"paris\"");
    }

    @Test
    void normalizedMatchIgnoresCaseWhitespacePunctuationAndWidth() {
        Scorer scorer = Scorers.normalizedMatch();

        assertThat(score(scorer, "New York, NY.", "  new york ny ").passed()).isTrue();
        assertThat(score(scorer, "ＥＵＲ 42.50", "eur 42.50").passed()).isTrue();
        assertThat(score(scorer, "42.50", "4250").passed()).isFalse();
        assertThat(score(scorer, "New York", "New Jersey").passed()).isFalse();
    }

    @Test
    void normalizedMatchDoesOnlyTheStepsAsked() {
        Scorer caseOnly = Scorers.normalizedMatch(Scorers.Normalization.CASE);

        assertThat(score(caseOnly, "Paris", "PARIS").passed()).isTrue();
        assertThat(score(caseOnly, "Paris", "Paris.").passed()).isFalse();
    }

    @Test
    void jsonFieldsComparesEveryExpectedLeafByDefault() {
        Scorer scorer = Scorers.jsonFields();
        JsonNode expected = json("{\"vendor\": \"ACME\", \"total\": 42.5, \"lines\": [{\"sku\": \"A1\"}]}");

        Score all = score(scorer, expected, "{\"vendor\": \"ACME\", \"total\": 42.50, \"lines\": [{\"sku\": \"A1\"}],"
                + " \"extra\": true}");
        Score some = score(scorer, expected, "{\"vendor\": \"Acme\", \"total\": 42.5}");

        assertThat(all.passed()).isTrue();
        assertThat(all.explanation()).isEqualTo("3/3 fields match");
        assertThat(some.value()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(some.passed()).isFalse();
        assertThat(some.explanation()).contains("/vendor: expected \"ACME\", got \"Acme\"")
                .contains("/lines/0/sku: expected \"A1\", got nothing");
    }

    @Test
    void jsonFieldsHonoursTolerancesAndCase() {
        Scorer scorer = Scorers.jsonFields(FieldMatch.at("/total").within(0.01), FieldMatch.at("/currency")
                .ignoringCase(), FieldMatch.at("/tax").withinRelative(0.05));
        JsonNode expected = json("{\"total\": 100.00, \"currency\": \"EUR\", \"tax\": 20}");

        assertThat(score(scorer, expected, "{\"total\": 100.004, \"currency\": \" eur\", \"tax\": 20.9}").passed())
                .isTrue();
        Score off = score(scorer, expected, "{\"total\": \"100.02\", \"currency\": \"USD\", \"tax\": 21.5}");
        assertThat(off.value()).isEqualTo(0.0);
        assertThat(off.explanation()).contains("/total: expected 100.0, got 100.02").contains("/currency")
                .contains("/tax: expected 20, got 21.5 (off by 1.5, allowed 1.0)");
    }

    @Test
    void jsonFieldsScoresZeroForOutputThatIsNotJson() {
        Score s = score(Scorers.jsonFields(), json("{\"a\": 1}"), "Sure! Here is the JSON: {\"a\": 1}");

        assertThat(s.value()).isZero();
        assertThat(s.explanation()).startsWith("the output is not JSON");
    }

    @Test
    void jsonFieldsWithAPartialThresholdPassesPartialMatches() {
        Scorer scorer = Scorers.jsonFields(List.of(FieldMatch.at("/a"), FieldMatch.at("/b")), 0.5);

        assertThat(score(scorer, json("{\"a\": 1, \"b\": 2}"), "{\"a\": 1, \"b\": 3}").passed()).isTrue();
        assertThat(score(scorer, json("{\"a\": 1, \"b\": 2}"), "{\"a\": 0, \"b\": 3}").passed()).isFalse();
        assertThatThrownBy(() -> Scorers.jsonFields(FieldMatch.at("/a"), FieldMatch.at("/a")))
                .hasMessage("field /a is listed twice");
    }

    @Test
    void schemaValidChecksTheOutputAgainstTheSchema() {
        Scorer scorer = Scorers.schemaValid(ResponseSchema.of("invoice", """
                {"type": "object", "required": ["total"],
                 "properties": {"total": {"type": "number", "minimum": 0}}}"""));

        assertThat(score(scorer, "", "{\"total\": 12}").passed()).isTrue();
        Score bad = score(scorer, "", "{\"total\": -1}");
        assertThat(bad.passed()).isFalse();
        assertThat(bad.explanation()).startsWith("1 error against schema 'invoice': /total");
        assertThat(score(scorer, "", "total: 12").explanation()).startsWith("the output is not JSON");
    }

    @Test
    void schemaThatDoesNotCompileIsRefused() {
        assertThatThrownBy(() -> Scorers.schemaValid(json("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/nowhere\"}}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not compile");
    }

    @Test
    void regexPassesWhenThePatternIsFound() {
        Scorer scorer = Scorers.matchesRegex("INV-\\d{4}");

        assertThat(score(scorer, "", "Invoice INV-2041 is due").explanation()).isEqualTo("/INV-\\d{4}/ found \"INV-2041\"");
        assertThat(score(scorer, "", "Invoice 2041 is due").passed()).isFalse();
        assertThatThrownBy(() -> Scorers.matchesRegex("(")).hasMessageContaining("does not compile");
    }

    @Test
    void containsScoresTheFractionOfStringsFound() {
        Scorer scorer = Scorers.contains("termination", "30 days");

        assertThat(score(scorer, "", "Either party may give notice of termination within 30 days.").passed()).isTrue();
        Score half = score(scorer, "", "Either party may give notice of termination.");
        assertThat(half.value()).isEqualTo(0.5);
        assertThat(half.explanation()).isEqualTo("missing [\"30 days\"]");
        assertThat(score(Scorers.containsIgnoringCase("TERMINATION"), "", "termination clause").passed()).isTrue();
    }

    @Test
    void containsWithoutStringsLooksForTheExpectedText() {
        assertThat(score(Scorers.contains(), "high", "Risk: high, because ...").passed()).isTrue();
        assertThat(score(Scorers.contains(), "high", "Risk: low").passed()).isFalse();
    }

    @Test
    void numericPassesWithinTolerance() {
        Scorer whole = Scorers.numeric("", 0.01, 0);
        Scorer field = Scorers.numeric("/total", 0, 0.01);

        assertThat(score(whole, "42.50", "42.505").passed()).isTrue();
        assertThat(score(whole, "42.50", "42.6").passed()).isFalse();
        assertThat(score(whole, "42.50", "about 42").explanation()).startsWith("the output is not a number or JSON");
        assertThat(score(field, json("{\"total\": 1000}"), "{\"total\": 1009}").passed()).isTrue();
        assertThat(score(field, json("{\"total\": 1000}"), "{\"total\": 1011}").passed()).isFalse();
    }

    @Test
    void semanticSimilarityPassesParaphrasesAndFailsUnrelatedText() {
        Scorer scorer = Scorers.semanticSimilarity(0.7);

        Score paraphrase = score(scorer, "The supplier can end the contract at any time without notice.",
                "The vendor may terminate the agreement whenever it wants, with no notice.");
        Score unrelated = score(scorer, "The supplier can end the contract at any time without notice.",
                "Bananas are a good source of potassium.");

        assertThat(paraphrase.passed()).as(paraphrase.explanation()).isTrue();
        assertThat(unrelated.passed()).as(unrelated.explanation()).isFalse();
        assertThat(unrelated.value()).isLessThan(paraphrase.value());
        assertThat(score(scorer, "something", "  ").explanation()).isEqualTo("the output is empty");
    }

    @Test
    void thresholdsOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> Scorers.semanticSimilarity(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Scorers.jsonFields(List.of(), -0.1)).hasMessageContaining("between 0 and 1");
    }
}
