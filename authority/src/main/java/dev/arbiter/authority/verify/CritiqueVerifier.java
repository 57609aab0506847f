package dev.arbiter.authority.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.verify.internal.CritiquePrompt;
import dev.arbiter.authority.verify.internal.JsonInput;
import dev.arbiter.authority.verify.internal.VerifierIds;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ResponseSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A second model reviews the candidate against a rubric: evidence for the decision, never the decision
 * ({@link AdvisoryVerifier}). It can fail a candidate; it can never pass one that a deterministic verifier failed,
 * because {@link Verifiers#allOf} asks it only about candidates every deterministic verifier passed.
 *
 * <p>The reviewer gets the rubric, the task (the candidate's request messages), the evidence (up to
 * {@link Builder#maxEvidenceChars}) and the candidate inside a fence with a random boundary, and must answer with
 * {@link #SCHEMA}:
 * <pre>{@code
 * {"verdict": "pass" | "fail",
 *  "findings": [{"severity": "low" | "medium" | "high", "message": "...", "quote": "<words of the output, or empty>"}]}
 * }</pre>
 * That answer is itself checked with {@link JsonSchemaVerifier} (a fenced answer is extracted). An answer that breaks
 * the schema, or a {@code fail} without findings, is {@link FailureMode#VERIFIER_ERROR}: fail closed. A {@code fail}
 * becomes one finding per reviewer finding, in {@link Builder#mode} (default {@link FailureMode#HALLUCINATION}, which the
 * workflow repairs), located by its quote when the quote is in the output. A {@code pass} keeps the reviewer's findings
 * as notes. A reviewer that throws an {@link ArbiterException} (provider down, refused) fails with that exception's
 * mode.
 *
 * <p>Immutable and thread-safe if the generator is.
 */
public final class CritiqueVerifier implements AdvisoryVerifier {

    /** The JSON Schema of the reviewer's answer. */
    public static final String SCHEMA = """
            {"type":"object","required":["verdict","findings"],"additionalProperties":false,
             "properties":{"verdict":{"enum":["pass","fail"]},
              "findings":{"type":"array","maxItems":20,"items":{"type":"object","additionalProperties":false,
               "required":["severity","message","quote"],
               "properties":{"severity":{"enum":["low","medium","high"]},
                             "message":{"type":"string","minLength":1,"maxLength":1000},
                             "quote":{"type":"string","maxLength":1000}}}}}}""";

    private static final ResponseSchema RESPONSE_SCHEMA = ResponseSchema.of("critique", SCHEMA);

    private final String id;
    private final Generator reviewer;
    private final String rubric;
    private final FailureMode mode;
    private final int maxEvidenceChars;
    private final JsonSchemaVerifier answerCheck;

    private CritiqueVerifier(Builder b) {
        this.id = b.id;
        this.reviewer = Objects.requireNonNull(b.reviewer, "a critique verifier needs a reviewer generator");
        this.rubric = Objects.requireNonNull(b.rubric, "a critique verifier needs a rubric");
        this.mode = b.mode;
        this.maxEvidenceChars = b.maxEvidenceChars;
        this.answerCheck = JsonSchemaVerifier.builder().id(b.id).schema(RESPONSE_SCHEMA).fencePolicy(FencePolicy.EXTRACT).build();
    }

    /** Returns a builder; the reviewer and the rubric are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        GenerationRequest request = CritiquePrompt.request(rubric, candidate, RESPONSE_SCHEMA, maxEvidenceChars);
        Generation answer;
        try {
            answer = reviewer.generate(request);
        } catch (ArbiterException e) {
            return Verdict.fail(id, Finding.of(id, e.failureMode(), Location.whole(),
                    "the reviewer model failed: " + e.getMessage(),
                    "This is not a fault of the output: do not change the output because of it."));
        }
        Verdict check = answerCheck.verify(Candidate.of(answer, request));
        if (check instanceof Verdict.Fail) {
            return error("the reviewer's answer is not valid critique JSON: " + summary(((Verdict.Fail) check).findings()));
        }
        JsonNode json = ((JsonInput.Value) JsonInput.read(answer.text(), FencePolicy.EXTRACT, Integer.MAX_VALUE)).json();
        return verdict(json, candidate.text());
    }

    private Verdict verdict(JsonNode json, String output) {
        boolean pass = json.get("verdict").textValue().equals("pass");
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            String severity = f.get("severity").textValue();
            String message = f.get("message").textValue().strip();
            String quote = f.get("quote").textValue();
            int at = quote.isBlank() ? -1 : output.indexOf(quote);
            Location location = at < 0 ? Location.whole() : Location.span(at, at + quote.length());
            String quoted = quote.isBlank() ? "" : (at < 0 ? " (quoted text not found in the output: \"" : " (\"") + quote + "\")";
            if (pass) {
                notes.add("reviewer note (" + severity + "): " + message + quoted);
            } else {
                findings.add(Finding.of(id, mode, location, "reviewer (" + severity + "): " + message + quoted,
                        "A reviewer found this problem; fix it: " + message));
            }
        }
        if (pass) {
            return Verdict.pass(id, notes);
        }
        return findings.isEmpty() ? error("the reviewer failed the output without giving a finding") : Verdict.fail(id, findings);
    }

    private Verdict error(String message) {
        return Verdict.fail(id, Finding.of(id, FailureMode.VERIFIER_ERROR, Location.whole(), message,
                "This is a fault of the reviewer, not of the output: do not change the output because of it."));
    }

    private static String summary(List<Finding> findings) {
        List<String> parts = new ArrayList<>();
        findings.stream().limit(3).forEach(f -> parts.add(f.message()));
        return String.join("; ", parts) + (findings.size() > 3 ? "; ..." : "");
    }

    /** Builds a {@link CritiqueVerifier}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private String id = "critique";
        private @Nullable Generator reviewer;
        private @Nullable String rubric;
        private FailureMode mode = FailureMode.HALLUCINATION;
        private int maxEvidenceChars = 20_000;

        private Builder() {}

        /** Sets the id; default {@code critique}. */
        public Builder id(String id) {
            this.id = VerifierIds.require(id);
            return this;
        }

        /** Sets the model that reviews; required. */
        public Builder reviewer(Generator reviewer) {
            this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
            return this;
        }

        /** Sets what the reviewer checks the output against, in words; required, not blank. */
        public Builder rubric(String rubric) {
            if (Objects.requireNonNull(rubric, "rubric").isBlank()) {
                throw new IllegalArgumentException("the rubric must not be blank");
            }
            this.rubric = rubric;
            return this;
        }

        /** Sets the failure mode of the reviewer's findings; default {@link FailureMode#HALLUCINATION}. */
        public Builder mode(FailureMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Sets how many characters of evidence the reviewer sees, in all; default 20,000; 0 for none. */
        public Builder maxEvidenceChars(int maxEvidenceChars) {
            if (maxEvidenceChars < 0) {
                throw new IllegalArgumentException("maxEvidenceChars must be >= 0, was " + maxEvidenceChars);
            }
            this.maxEvidenceChars = maxEvidenceChars;
            return this;
        }

        /**
         * Returns the verifier.
         *
         * @throws NullPointerException if the reviewer or the rubric is not set
         */
        public CritiqueVerifier build() {
            return new CritiqueVerifier(this);
        }
    }
}
