package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.JsonLimits;
import dev.arbiter.core.ResponseSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaVerifierTest {

    private static final String INVOICE = """
            {"type":"object","required":["total","items"],"additionalProperties":false,
             "properties":{"total":{"type":"number"},
                           "due":{"type":"string","format":"date-time"},
                           "items":{"type":"array","minItems":1,"items":{"type":"object","required":["price"],
                                    "properties":{"price":{"type":"number"},"sku":{"type":"string","pattern":"^[A-Z]{3}$"}}}}}}
            """;

    private final VerifierTester tester = VerifierTester.of(JsonSchemaVerifier.create()).responseSchema(INVOICE);

    @Test
    void conformingOutputPasses() {
        tester.text("{\"total\": 12.5, \"items\": [{\"price\": 12.5, \"sku\": \"ABC\"}], \"due\": \"2024-05-01T12:00:00Z\"}")
                .passes();
    }

    @Test
    void wrongTypeNamesThePointerTheValueAndWhatToWrite() {
        Verdict.Fail fail = tester.text("{\"total\": 12, \"items\": [{\"price\": \"12\"}]}")
                .fails(FailureMode.SCHEMA_VIOLATION, "/items/0/price: expected number, got string \"12\"");
        Finding f = fail.findings().get(0);
        assertThat(f.location()).isEqualTo(Location.pointer("/items/0/price"));
        assertThat(f.feedback()).isEqualTo("Make /items/0/price a number (write 12, not \"12\").");
        assertThat(f.verifierId()).isEqualTo("json-schema");
    }

    @Test
    void missingRequiredPropertyIsReportedAtTheObject() {
        Verdict.Fail fail = tester.text("{\"items\": [{\"price\": 1}]}")
                .fails(FailureMode.SCHEMA_VIOLATION, "/: missing required property 'total'");
        assertThat(fail.findings().get(0).location()).isEqualTo(Location.pointer(""));
        assertThat(fail.findings().get(0).feedback()).contains("Add the required property 'total' to the top-level object");
    }

    @Test
    void extraPropertyIsNotAllowedAndTheAllowedOnesAreListed() {
        Verdict.Fail fail = tester.text("{\"total\": 1, \"items\": [{\"price\": 1}], \"foo\": true}")
                .fails(FailureMode.SCHEMA_VIOLATION, "/: property 'foo' is not allowed");
        assertThat(fail.findings().get(0).feedback()).contains("Allowed properties: due, items, total");
    }

    @Test
    void everySchemaErrorBecomesAFinding() {
        Verdict.Fail fail = tester.text("{\"total\": \"x\", \"items\": [], \"due\": \"tomorrow\"}").fails(FailureMode.SCHEMA_VIOLATION);
        assertThat(fail.findings()).extracting(Finding::message).containsExactlyInAnyOrder(
                "/total: expected number, got string \"x\"",
                "/due: \"tomorrow\" is not a valid date-time",
                "/items: has 0 items; at least 1 required");
    }

    @Test
    void dateTimeWithTextAfterTheOffsetIsRejected() {
        tester.text("{\"total\": 1, \"items\": [{\"price\": 1}], \"due\": \"2024-05-01T12:00:00Z+01:00\"}")
                .fails(FailureMode.SCHEMA_VIOLATION, "/due", "date-time");
    }

    @Test
    void patternFailureQuotesThePattern() {
        tester.text("{\"total\": 1, \"items\": [{\"price\": 1, \"sku\": \"abcd\"}]}")
                .fails(FailureMode.SCHEMA_VIOLATION, "/items/0/sku: \"abcd\" does not match the pattern ^[A-Z]{3}$");
    }

    @Test
    void anyOfFailureIsOneFindingListingWhatEachAlternativeNeeds() {
        Verdict.Fail fail = VerifierTester.of(JsonSchemaVerifier.create())
                .responseSchema("{\"properties\":{\"v\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}}}")
                .text("{\"v\": true}")
                .fails(FailureMode.SCHEMA_VIOLATION, "/v: matches none of the 2 alternatives (anyOf)");
        assertThat(fail.findings()).hasSize(1);
        assertThat(fail.findings().get(0).message())
                .contains("alternative 1: expected string, got boolean true")
                .contains("alternative 2: expected integer, got boolean true");
    }

    @Test
    void notJsonSaysWhereItBroke() {
        Verdict.Fail fail = tester.text("{\"total\": 1,\n \"items\": [}").fails(FailureMode.SCHEMA_VIOLATION, "line 2, column");
        assertThat(fail.findings().get(0).location()).isInstanceOf(Location.Span.class);
        assertThat(((Location.Span) fail.findings().get(0).location()).start()).isEqualTo(24);
    }

    @Test
    void regressionANumberWhoseExponentOverflowsIsASchemaViolationNotAVerifierError() {
        for (String total : new String[] {"12999e2147483648", "1e-2147483649"}) {
            tester.text("{\"total\": " + total + ", \"items\": []}")
                    .fails(FailureMode.SCHEMA_VIOLATION, "output is not valid JSON", "a number is out of range");
        }
    }

    @Test
    void cutOffJsonIsCalledCutOff() {
        Verdict.Fail fail = tester.text("{\"total\": 1, \"items\": [").fails(FailureMode.SCHEMA_VIOLATION);
        assertThat(fail.findings().get(0).feedback()).contains("cut off");
    }

    @Test
    void duplicatePropertyNamesAreRejected() {
        tester.text("{\"total\": 1, \"total\": 2, \"items\": [{\"price\": 1}]}")
                .fails(FailureMode.SCHEMA_VIOLATION, "Duplicate field 'total'");
    }

    @Test
    void fencedJsonIsRejectedByDefaultWithFeedbackToReturnBareJson() {
        Verdict.Fail fail = tester.text("```json\n{\"total\": 1, \"items\": [{\"price\": 1}]}\n```")
                .fails(FailureMode.SCHEMA_VIOLATION, "Markdown code fence");
        assertThat(fail.findings().get(0).feedback()).contains("Return only the JSON value itself");
    }

    @Test
    void proseBeforeJsonIsRejectedByDefault() {
        tester.text("Here is the invoice: {\"total\": 1, \"items\": [{\"price\": 1}]}")
                .fails(FailureMode.SCHEMA_VIOLATION, "text before its JSON value");
    }

    @Test
    void extractPolicyVerifiesTheFencedJsonAndNotesTheExtraction() {
        VerifierTester extracting = VerifierTester.of(JsonSchemaVerifier.builder().fencePolicy(FencePolicy.EXTRACT).build())
                .responseSchema(INVOICE);
        Verdict.Pass pass = extracting.text("Sure!\n```json\n{\"total\": 1, \"items\": [{\"price\": 1}]}\n```\nDone.").passes();
        assertThat(pass.notes()).singleElement().asString().contains("Markdown code fence at characters [14,");
        extracting.text("The result is {\"total\": \"1\", \"items\": [{\"price\": 1}]} as asked.")
                .fails(FailureMode.SCHEMA_VIOLATION, "/total: expected number");
    }

    @Test
    void oversizedOutputFailsClearly() {
        VerifierTester.of(JsonSchemaVerifier.builder().limits(JsonLimits.defaults().withMaxDocumentChars(10)).build()).responseSchema(INVOICE)
                .text("{\"total\": 12345}").fails(FailureMode.SCHEMA_VIOLATION, "16 characters, more than the limit maxDocumentChars = 10");
    }

    @Test
    void findingsAreCappedWithOneFindingCountingTheRest() {
        Verdict.Fail fail = VerifierTester.of(JsonSchemaVerifier.builder().maxFindings(2).build())
                .responseSchema("{\"items\":{\"type\":\"string\"}}")
                .text("[1, 2, 3, 4]").fails(FailureMode.SCHEMA_VIOLATION, "2 more schema errors are not listed");
        assertThat(fail.findings()).hasSize(3);
    }

    @Test
    void missingSchemaIsAVerifierError() {
        VerifierTester.of(JsonSchemaVerifier.create()).text("{}")
                .fails(FailureMode.VERIFIER_ERROR, "no schema to check against");
    }

    @Test
    void schemaWithAnUnloadableReferenceIsAVerifierErrorNotAFetch() {
        VerifierTester.of(JsonSchemaVerifier.create())
                .responseSchema("{\"$ref\":\"https://example.com/other.json\"}")
                .text("{}").fails(FailureMode.VERIFIER_ERROR, "cannot be used", "never fetched");
    }

    @Test
    void aSchemaPatternThatRunsAwayOnTheOutputFailsClosed() {
        VerifierTester.of(JsonSchemaVerifier.create())
                .responseSchema("{\"type\":\"string\",\"pattern\":\"^(a+)+$\"}")
                .text("\"" + "a".repeat(5_000) + "!\"")
                .fails(FailureMode.VERIFIER_ERROR, "took too long");
    }

    @Test
    void fixedSchemaIsUsedInsteadOfTheRequestsOne() {
        JsonSchemaVerifier fixed = JsonSchemaVerifier.builder()
                .schema(ResponseSchema.of("n", "{\"type\":\"integer\"}")).build();
        VerifierTester.of(fixed).text("7").passes();
        VerifierTester.of(fixed).text("7.5").fails(FailureMode.SCHEMA_VIOLATION, "expected integer");
    }

    @Test
    void draftIsChosenBySchemaKeyword() {
        String draft4 = "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"minimum\":5,\"exclusiveMinimum\":true}";
        VerifierTester.of(JsonSchemaVerifier.create()).responseSchema(draft4).text("5").fails(FailureMode.SCHEMA_VIOLATION);
        VerifierTester.of(JsonSchemaVerifier.create()).responseSchema(draft4).text("6").passes();
    }

    @Test
    void plainIdMemberInALaterDraftIsAnAnnotation() {
        VerifierTester.of(JsonSchemaVerifier.create())
                .responseSchema("{\"properties\":{\"a\":{\"id\":\"a\",\"type\":\"string\"}}}")
                .text("{\"a\": 1}").fails(FailureMode.SCHEMA_VIOLATION, "/a: expected string");
    }

    @Test
    void formatAssertionsCanBeTurnedOff() {
        VerifierTester.of(JsonSchemaVerifier.builder().formatAssertions(JsonSchemaVerifier.FormatAssertions.NEVER).build())
                .responseSchema("{\"format\":\"date-time\"}").text("\"tomorrow\"").passes();
    }

    @Test
    void oneVerifierJudgesFromManyThreadsAtOnce() throws Exception {
        JsonSchemaVerifier verifier = JsonSchemaVerifier.create();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Verdict>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = i % 2 == 0 ? "{\"total\": " + i + ", \"items\": [{\"price\": 1}]}" : "{\"total\": \"" + i + "\"}";
                Candidate c = tester.text(text).candidate();
                results.add(pool.submit(() -> verifier.verify(c)));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(results.get(i).get()).as("candidate " + i).isInstanceOf(i % 2 == 0 ? Verdict.Pass.class : Verdict.Fail.class);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sameSchemaIsCompiledOnceAndGivesTheSameVerdict() {
        JsonSchemaVerifier verifier = JsonSchemaVerifier.create();
        VerifierTester t = VerifierTester.of(verifier).responseSchema(INVOICE);
        assertThat(t.text("{}").verdict()).isEqualTo(t.text("{}").verdict());
    }

    @Test
    void eachJsonLimitPassesAtTheLimitAndIsNamedPastIt() {
        JsonLimits limits = JsonLimits.defaults().withMaxDocumentChars(60).withMaxDepth(5).withMaxNumberLength(10)
                .withMaxStringLength(20);
        for (Verifier v : List.of(JsonSchemaVerifier.builder().limits(limits).build(),
                CitationVerifier.builder().limits(limits).build())) {
            VerifierTester any = VerifierTester.of(v).responseSchema("{}");
            String[][] cases = {
                {"{\"v\":" + "[".repeat(4) + "]".repeat(4) + "}", "{\"v\":" + "[".repeat(5) + "]".repeat(5) + "}",
                    "maxDepth = 5"},
                {"{\"v\":" + "1".repeat(10) + "}", "{\"v\":" + "1".repeat(11) + "}", "maxNumberLength = 10"},
                {"{\"v\":\"" + "s".repeat(20) + "\"}", "{\"v\":\"" + "s".repeat(21) + "\"}", "maxStringLength = 20"},
                {"{\"v\":" + " ".repeat(53) + "1}", "{\"v\":" + " ".repeat(54) + "1}", "maxDocumentChars = 60"}};
            for (String[] c : cases) {
                Verdict at = any.text(c[0]).verdict();
                if (v instanceof JsonSchemaVerifier) {
                    assertThat(at).as("%s at the limit: %s", v.id(), c[2]).isInstanceOf(Verdict.Pass.class);
                } else { // read within the limits; no claims in it is this verifier's own finding
                    assertThat(at).as("%s at the limit: %s", v.id(), c[2]).isInstanceOfSatisfying(Verdict.Fail.class,
                            f -> assertThat(f.findings()).singleElement().satisfies(x -> assertThat(x.message())
                                    .isEqualTo("no array of claims at /claims")));
                }
                assertThat(any.text(c[1]).verdict()).as("%s past the limit: %s", v.id(), c[2])
                        .isInstanceOfSatisfying(Verdict.Fail.class, f -> assertThat(f.findings()).singleElement()
                                .satisfies(x -> assertThat(x.mode()).isEqualTo(FailureMode.SCHEMA_VIOLATION))
                                .satisfies(x -> assertThat(x.message()).contains(c[2], "JsonLimits")));
            }
        }
    }

    @Test
    void theDefaultLimitsRefuseTenThousandLevelsNamingTheLimit() {
        tester.text("[".repeat(10_000) + "]".repeat(10_000)).fails(FailureMode.SCHEMA_VIOLATION, "maxDepth = 1000");
        tester.text("{\"total\":" + "9".repeat(1_001) + "}").fails(FailureMode.SCHEMA_VIOLATION, "maxNumberLength = 1000");
    }
}
