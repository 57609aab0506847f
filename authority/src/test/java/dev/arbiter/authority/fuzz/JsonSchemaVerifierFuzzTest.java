package dev.arbiter.authority.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.authority.verify.CitationVerifier;
import dev.arbiter.authority.verify.FencePolicy;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import dev.arbiter.authority.verify.Candidate;

/**
 * Fuzzes the JSON verifiers with model output: whatever the text, {@link JsonSchemaVerifier} and
 * {@link CitationVerifier} return a verdict (never throw), a failure is a {@code SCHEMA_VIOLATION} or
 * {@code CITATION_MISSING}/{@code HALLUCINATION} finding, never a verifier error. Seeds in
 * {@code JsonSchemaVerifierFuzzTestInputs/}.
 */
class JsonSchemaVerifierFuzzTest {

    static final ResponseSchema INVOICE = ResponseSchema.of("invoice", """
            {"type":"object","required":["number","total","lines"],"additionalProperties":false,
             "properties":{"number":{"type":"string","pattern":"^INV-[0-9]+$","maxLength":40},
              "total":{"type":"number","minimum":0},"currency":{"enum":["EUR","USD"]},
              "lines":{"type":"array","maxItems":100,"items":{"type":"object","required":["text","amount"],
               "properties":{"text":{"type":"string","minLength":1},"amount":{"type":"number"}}}},
              "claims":{"type":"array"}}}""");
    static final Evidence EVIDENCE = Evidence.of(Source.of("doc", "The invoice INV-7 totals 12.50 EUR.", Trust.UNTRUSTED));
    static final Verifier[] VERIFIERS = {JsonSchemaVerifier.create(),
        JsonSchemaVerifier.builder().fencePolicy(FencePolicy.EXTRACT).build(), CitationVerifier.builder().build()};

    @FuzzTest(maxDuration = "3m")
    void anyOutputGetsAVerdictAndNeverAVerifierError(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Candidate candidate = Candidate.of(Generation.ofText(text), GenerationRequest.builder()
                .addMessage(Message.user("extract")).responseSchema(INVOICE).build(), EVIDENCE);
        for (Verifier v : VERIFIERS) {
            Verdict verdict = v.verify(candidate);
            if (verdict instanceof Verdict.Fail fail) {
                assertThat(fail.findings()).as("%s on %s", v.id(), text).isNotEmpty()
                        .allSatisfy(f -> assertThat(f.mode()).isNotEqualTo(FailureMode.VERIFIER_ERROR));
            } else {
                assertThat(verdict).as("%s", v.id()).isInstanceOf(Verdict.Pass.class);
            }
        }
    }
}
