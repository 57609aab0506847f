package dev.arbiter.authority.verify;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaException;
import dev.arbiter.authority.verify.internal.JsonInput;
import dev.arbiter.authority.verify.internal.SchemaCompiler;
import dev.arbiter.authority.verify.internal.SchemaFindings;
import dev.arbiter.authority.verify.internal.VerifierIds;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.JsonLimits;
import dev.arbiter.core.ResponseSchema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the output is one JSON value that conforms to a JSON Schema (networknt json-schema-validator).
 *
 * <p>The schema is the request's {@link dev.arbiter.core.GenerationRequest#responseSchema()}, or a fixed one given to
 * the builder. Failures, all {@link FailureMode#SCHEMA_VIOLATION} unless noted:
 * <ul>
 *   <li>output past one of its {@link JsonLimits} ({@link Builder#limits}; by default 1,000,000 characters, 1,000
 *       levels of nesting, numbers of 1,000 characters, strings of 1,000,000), a finding that names the limit;</li>
 *   <li>output that is not JSON: where it broke, by line, column and character;</li>
 *   <li>output in a Markdown code fence or with prose around it, under {@link FencePolicy#REJECT} (the default);
 *       under {@link FencePolicy#EXTRACT} the JSON inside is verified and the extraction noted;</li>
 *   <li>every schema error, located by the JSON Pointer of the offending value, with a message such as
 *       {@code /items/0/price: expected number, got string "12"} and feedback saying what to write instead;</li>
 *   <li>{@link FailureMode#VERIFIER_ERROR} when there is no schema, or the schema cannot be used (it references
 *       another document, which is never fetched; its {@code $schema} is unknown; a pattern does not compile), or a
 *       schema pattern runs away on the output (matching is bounded; the verifier throws and the guard fails
 *       closed).</li>
 * </ul>
 *
 * <p>The draft is chosen by the schema's {@code $schema}: draft 4, 6, 7, 2019-09 or 2020-12, defaulting to
 * {@link Builder#defaultDraft} (2020-12). {@code format} is asserted in every draft by default
 * ({@link FormatAssertions#ALWAYS}): a model that writes {@code "tomorrow"} for a date-time should be told.
 * Compiled schemas are cached by the SHA-256 of their canonical JSON ({@link dev.arbiter.core.CanonicalJson};
 * {@value SchemaCompiler#CACHE_SIZE} per verifier, least recently used dropped first). Numbers are compared by value:
 * {@code 2.0} is the integer 2 in every draft.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Verifier schema = JsonSchemaVerifier.builder().fencePolicy(FencePolicy.EXTRACT).build();
 * Verdict verdict = schema.verify(Candidate.of(generation, request));   // request carries the ResponseSchema
 * }</pre>
 */
public final class JsonSchemaVerifier implements Verifier {

    /** The default maximum number of findings in one verdict (one more finding counts the rest). */
    public static final int DEFAULT_MAX_FINDINGS = 50;

    /** The JSON Schema drafts this verifier understands. */
    public enum Draft { DRAFT_4, DRAFT_6, DRAFT_7, DRAFT_2019_09, DRAFT_2020_12 }

    /** Whether {@code format} fails a value or only annotates it. */
    public enum FormatAssertions {
        /** Assert {@code format} in every draft (the default). Unknown formats are ignored. */
        ALWAYS,
        /** As each specification says: asserted in drafts 4 to 7, annotation only from 2019-09. */
        SPECIFICATION_DEFAULT,
        /** Never assert {@code format}. */
        NEVER
    }

    private final String id;
    private final @Nullable ResponseSchema schema;
    private final FencePolicy fencePolicy;
    private final JsonLimits limits;
    private final int maxFindings;
    private final SchemaCompiler compiler;

    private JsonSchemaVerifier(Builder b) {
        this.id = b.id;
        this.schema = b.schema;
        this.fencePolicy = b.fencePolicy;
        this.limits = b.limits;
        this.maxFindings = b.maxFindings;
        this.compiler = new SchemaCompiler(b.defaultDraft, b.formatAssertions);
    }

    /** Returns a verifier with every default, checking each request's own response schema. */
    public static JsonSchemaVerifier create() {
        return builder().build();
    }

    /** Returns a builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        Optional<ResponseSchema> chosen = schema != null ? Optional.of(schema) : candidate.request().responseSchema();
        if (chosen.isEmpty()) {
            return error("there is no schema to check against: the request has no response schema and the verifier "
                    + "was built without one");
        }
        SchemaCompiler.Compiled compiled = compiler.compile(chosen.get());
        if (compiled instanceof SchemaCompiler.Unusable) {
            return error("the schema '" + chosen.get().name() + "' cannot be used: "
                    + ((SchemaCompiler.Unusable) compiled).reason());
        }
        JsonInput.Result input = JsonInput.read(candidate.text(), fencePolicy, limits);
        if (input instanceof JsonInput.Problem) {
            JsonInput.Problem p = (JsonInput.Problem) input;
            return Verdict.fail(id, Finding.of(id, FailureMode.SCHEMA_VIOLATION, p.location(), p.message(), p.feedback()));
        }
        JsonInput.Value value = (JsonInput.Value) input;
        return validate((SchemaCompiler.Usable) compiled, chosen.get().name(), value);
    }

    private Verdict validate(SchemaCompiler.Usable compiled, String name, JsonInput.Value value) {
        List<Error> errors;
        try {
            errors = compiled.schema().validate(value.json());
        } catch (SchemaException e) {
            return error("the schema '" + name + "' cannot be used: " + e.getMessage());
        }
        if (errors.isEmpty()) {
            return Verdict.pass(id, value.notes());
        }
        return Verdict.fail(id, SchemaFindings.of(id, errors, compiled.schema(), compiled.root(), maxFindings));
    }

    private Verdict error(String message) {
        return Verdict.fail(id, Finding.of(id, FailureMode.VERIFIER_ERROR, Location.whole(), message,
                "This is a fault of the verifier's configuration, not of the output: do not change the output because of it."));
    }

    /** Builds a {@link JsonSchemaVerifier}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private String id = "json-schema";
        private @Nullable ResponseSchema schema;
        private Draft defaultDraft = Draft.DRAFT_2020_12;
        private FencePolicy fencePolicy = FencePolicy.REJECT;
        private FormatAssertions formatAssertions = FormatAssertions.ALWAYS;
        private JsonLimits limits = JsonLimits.defaults();
        private int maxFindings = DEFAULT_MAX_FINDINGS;

        private Builder() {}

        /** Sets the verifier's id; default {@code json-schema}. */
        public Builder id(String id) {
            this.id = VerifierIds.require(id);
            return this;
        }

        /** Checks every candidate against this schema instead of its request's response schema. */
        public Builder schema(ResponseSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Sets the draft for schemas without {@code $schema}; default 2020-12. */
        public Builder defaultDraft(Draft draft) {
            this.defaultDraft = Objects.requireNonNull(draft, "draft");
            return this;
        }

        /** Sets what to do with fenced or prose-wrapped JSON; default {@link FencePolicy#REJECT}. */
        public Builder fencePolicy(FencePolicy policy) {
            this.fencePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Sets whether {@code format} is asserted; default {@link FormatAssertions#ALWAYS}. */
        public Builder formatAssertions(FormatAssertions formatAssertions) {
            this.formatAssertions = Objects.requireNonNull(formatAssertions, "formatAssertions");
            return this;
        }

        /** Sets the limits on the output's JSON (length, nesting, numbers, strings); default {@link JsonLimits#defaults()}. */
        public Builder limits(JsonLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Sets the most findings one verdict lists; default {@value #DEFAULT_MAX_FINDINGS}; must be positive. */
        public Builder maxFindings(int maxFindings) {
            if (maxFindings <= 0) {
                throw new IllegalArgumentException("maxFindings must be positive, was " + maxFindings);
            }
            this.maxFindings = maxFindings;
            return this;
        }

        /** Returns the verifier. */
        public JsonSchemaVerifier build() {
            return new JsonSchemaVerifier(this);
        }
    }
}
