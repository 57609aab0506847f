package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CitationVerifierTest {

    private static final String REPORT = "The company reported revenue of \u20AC4.2 billion in 2023,\n"
            + "up 12\u00A0percent. The CEO said: \u201CWe are cautiously optimistic \u2014 demand remains strong\u201D.";
    private static final String MEMO = "Headcount fell to 1,200 after the spring restructuring.";

    private final VerifierTester tester = VerifierTester.of(CitationVerifier.create())
            .source(Source.of("S1", REPORT, Trust.UNTRUSTED))
            .source(Source.of("S2", MEMO, Trust.UNTRUSTED));

    @Test
    void verbatimQuotesPassAndTheirSpansAreRecorded() {
        Verdict.Pass pass = tester.text("""
                {"claims":[
                  {"text":"Revenue grew 12%.","citations":[{"source":"S1","quote":"revenue of €4.2 billion in 2023, up 12 percent"}]},
                  {"text":"Headcount fell.","citations":[{"source":"S2","quote":"Headcount fell to 1,200"}]}]}
                """).passes();
        int start = REPORT.indexOf("revenue of");
        int end = REPORT.indexOf("percent") + "percent".length();
        assertThat(pass.notes()).containsExactly("claim 1 citation 1: S1 [" + start + "," + end + ")", "claim 2 citation 1: S2 [0,23)");
    }

    @Test
    void typographicQuotesDashesAndCaseAreNormalised() {
        tester.text("{\"claims\":[{\"text\":\"The CEO is optimistic.\",\"citations\":[{\"source\":\"S1\","
                + "\"quote\":\"\\\"we are cautiously optimistic - demand remains strong\\\"\"}]}]}").passes();
    }

    @Test
    void withoutNormalisationOnlyTheExactTextMatches() {
        VerifierTester exact = VerifierTester.of(CitationVerifier.builder().normalizations(EnumSet.noneOf(QuoteNormalization.class)).build())
                .source(Source.of("S1", REPORT, Trust.UNTRUSTED));
        exact.text("{\"claims\":[{\"text\":\"x\",\"citations\":[{\"source\":\"S1\",\"quote\":\"up 12 percent\"}]}]}")
                .fails(FailureMode.HALLUCINATION, "the quote \"up 12 percent\" is not in source 'S1'");
        exact.text("{\"claims\":[{\"text\":\"x\",\"citations\":[{\"source\":\"S1\",\"quote\":\"up 12\u00A0percent\"}]}]}").passes();
    }

    @Test
    void fabricatedQuoteIsAHallucinationWithTheClaimTheQuoteAndTheClosestPassage() {
        Verdict.Fail fail = tester.text("""
                {"claims":[{"text":"Revenue doubled in 2023.","citations":[{"source":"S1","quote":"revenue of €8.4 billion in 2023"}]}]}
                """).fails(FailureMode.HALLUCINATION,
                "claim \"Revenue doubled in 2023.\": the quote \"revenue of €8.4 billion in 2023\" is not in source 'S1'",
                "closest passage in S1: \"revenue of €4.2 billion in 2023\"");
        Finding f = fail.findings().get(0);
        assertThat(f.location()).isEqualTo(Location.pointer("/claims/0/citations/0/quote"));
        assertThat(f.feedback()).startsWith("Quote verbatim from source 'S1' or drop the claim \"Revenue doubled in 2023.\".");
    }

    @Test
    void citationOfAMissingSourceIsAHallucinationNamingTheSourcesGiven() {
        Verdict.Fail fail = tester.text("""
                {"claims":[{"text":"Margins improved.","citations":[{"source":"S9","quote":"margins improved"}]}]}
                """).fails(FailureMode.HALLUCINATION,
                "claim \"Margins improved.\" cites source 'S9' for the quote \"margins improved\", but that source is not in "
                        + "the evidence (the sources are S1, S2)");
        assertThat(fail.findings().get(0).feedback()).contains("Cite only the sources you were given (S1, S2)");
    }

    @Test
    void quoteFromTheWrongSourceSaysWhereItIs() {
        tester.text("""
                {"claims":[{"text":"Headcount fell.","citations":[{"source":"S1","quote":"Headcount fell to 1,200"}]}]}
                """).fails(FailureMode.HALLUCINATION, "it is in source 'S2'");
    }

    @Test
    void everyUncitedClaimIsAFindingWhenTooFewClaimsAreCited() {
        Verdict.Fail fail = tester.text("""
                {"claims":[{"text":"Revenue grew.","citations":[{"source":"S1","quote":"up 12 percent"}]},
                           {"text":"The outlook is bright."}, {"text":"Costs fell.","citations":[]}]}
                """).fails(FailureMode.HALLUCINATION, "claim \"The outlook is bright.\" carries no citation (1 of 3 claims cited, 33%");
        assertThat(fail.findings()).extracting(Finding::location)
                .containsExactly(Location.pointer("/claims/1"), Location.pointer("/claims/2"));
    }

    @Test
    void aLowerMinimumShareLetsSomeClaimsGoUncited() {
        VerifierTester.of(CitationVerifier.builder().minCitedShare(0.5).build())
                .source(Source.of("S1", REPORT, Trust.UNTRUSTED))
                .text("{\"claims\":[{\"text\":\"Revenue grew.\",\"citations\":[{\"source\":\"S1\",\"quote\":\"up 12 percent\"}]},"
                        + "{\"text\":\"Overall a good year.\"}]}")
                .passes();
    }

    @Test
    void outputNotOfTheShapeIsASchemaViolation() {
        tester.text("{\"answer\": \"yes\"}").fails(FailureMode.SCHEMA_VIOLATION, "no array of claims at /claims");
        tester.text("{\"claims\":[{\"text\":\"x\",\"citations\":[{\"source\":\"S1\"}]}]}")
                .fails(FailureMode.SCHEMA_VIOLATION, "citation at /claims/0/citations/0 has no quote in 'quote'");
        tester.text("not json").fails(FailureMode.SCHEMA_VIOLATION);
    }

    @Test
    void aCustomShapeReadsOtherMemberNames() {
        CitationShape shape = new CitationShape("/answer/statements", "claim", "refs", "doc", "excerpt");
        VerifierTester.of(CitationVerifier.builder().shape(shape).build())
                .source(Source.of("S2", MEMO, Trust.UNTRUSTED))
                .text("{\"answer\":{\"statements\":[{\"claim\":\"Headcount fell.\",\"refs\":[{\"doc\":\"S2\",\"excerpt\":\"fell to 1,200\"}]}]}}")
                .passes();
    }

    @Test
    void theReportGivesEachCitationsOutcome() {
        CitationVerifier verifier = CitationVerifier.create();
        Candidate candidate = tester.text("""
                {"claims":[{"text":"a","citations":[{"source":"S2","quote":"spring restructuring"},{"source":"S7","quote":"x"}]}]}
                """).candidate();
        CitationReport report = verifier.check(candidate).orElseThrow();
        assertThat(report.claims().get(0).citations()).containsExactly(
                new CitationReport.Verified("/claims/0/citations/0", "S2", "spring restructuring",
                        MEMO.indexOf("spring"), MEMO.indexOf(".")),
                new CitationReport.UnknownSource("/claims/0/citations/1", "S7", "x"));
        assertThat(report.citedShare()).isEqualTo(1.0);
    }
}
