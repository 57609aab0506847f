package dev.arbiter.steering;

import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.constraint.ProviderSchema;
import dev.arbiter.steering.constraint.ProviderSchemas;
import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.TokenCounter;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.LintFinding;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Turns an intent contract, an assembled context and an output spec into one {@link GenerationRequest}: the
 * last step of steering, {@code Compose(contract, context, spec)}.
 *
 * <p>The layout is fixed and deterministic. The system message (the instruction channel) holds the rendered
 * contract, the citation rule and, when the schema could not be put into the provider's strict form, the
 * schema in words; nothing untrusted ever enters it. The user message holds the assembled context (untrusted
 * items inside their fences) and then the user's request. The response schema, offered tools, stop sequences
 * and output-token limit come from the spec; the contract's id, version and fingerprint travel as attributes.
 * The evidence is the context's plus the user's request, as a trusted source with id {@value #REQUEST_SOURCE_ID}.
 *
 * <p>A contract whose {@link IntentContract#lint() lint} has errors produces no request unless the composer
 * was built with {@link LintPolicy#IGNORE_ERRORS}; a request larger than the spec's input-token budget produces
 * none either. Both come back as {@link Composition.Blocked}, never as an exception.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RequestComposer composer = RequestComposer.builder(contract, spec).build();
 * Composition c = composer.compose("Review the attached NDA.", assembler.assemble(items, 6_000));
 * if (c instanceof Composition.Composed composed) {
 *     Generation g = generator.generate(composed.request());
 * }
 * }</pre>
 */
public final class RequestComposer {

    /** The evidence id of the user's request. */
    public static final String REQUEST_SOURCE_ID = "user-request";

    /** Attribute keys set on every composed request. */
    public static final String CONTRACT_ID = "arbiter.contract.id";
    public static final String CONTRACT_VERSION = "arbiter.contract.version";
    public static final String CONTRACT_FINGERPRINT = "arbiter.contract.fingerprint";

    /** Tokens added per message for the provider's framing when checking the input budget. */
    private static final int MESSAGE_OVERHEAD_TOKENS = 4;

    /** Whether lint errors block composition. */
    public enum LintPolicy {
        /** A contract with lint errors produces no request (the default). */
        BLOCK_ON_ERRORS,
        /** Compose anyway; the errors are returned as warnings. For callers who have reviewed them. */
        IGNORE_ERRORS
    }

    /** Which schema is sent to the provider. */
    public enum SchemaTarget {
        /** The full schema, verbatim (providers that accept any JSON Schema, or that ignore what they cannot enforce). */
        FULL,
        /** OpenAI's strict structured-output subset, converted; a schema that cannot be converted goes in the instructions. */
        OPENAI_STRICT
    }

    private final IntentContract contract;
    private final OutputSpec spec;
    private final LintPolicy lintPolicy;
    private final SchemaTarget schemaTarget;
    private final TokenCounter tokenCounter;
    private final @Nullable Double temperature;
    private final List<LintFinding> lint;
    /** Computed on the first composition (a benign race: every thread computes the same value). */
    private volatile @Nullable Fixed fixed;
    private volatile int systemTokens = -1;

    private RequestComposer(Builder b) {
        this.contract = b.contract;
        this.spec = b.spec;
        this.lintPolicy = b.lintPolicy;
        this.schemaTarget = b.schemaTarget;
        this.tokenCounter = b.tokenCounter;
        this.temperature = b.temperature;
        this.lint = contract.lint();
    }

    /** Returns a builder: lint errors block, the full schema is sent, tokens counted with cl100k_base. */
    public static Builder builder(IntentContract contract, OutputSpec spec) {
        return new Builder(contract, spec);
    }

    /**
     * Composes the request for one user request over an assembled context.
     *
     * @param userRequest the end user's request, as the application marks it (trusted)
     * @param context the assembled context
     */
    public Composition compose(String userRequest, AssembledContext context) {
        Objects.requireNonNull(userRequest, "userRequest");
        Objects.requireNonNull(context, "context");
        Fixed f = fixed();
        if (f.blocked() != null) {
            return f.blocked();
        }
        String system = f.system();
        String user = context.messageFor(userRequest);
        OptionalLong inputBudget = spec.budget().inputTokens();
        if (inputBudget.isPresent()) {
            int systemTokens = this.systemTokens;
            if (systemTokens < 0) {
                systemTokens = tokenCounter.count(system);
                this.systemTokens = systemTokens;
            }
            long tokens = (long) systemTokens + tokenCounter.count(user) + 2L * MESSAGE_OVERHEAD_TOKENS;
            if (tokens > inputBudget.getAsLong()) {
                return new Composition.Blocked(FailureMode.CONTEXT_OVERFLOW, List.of("the request needs about "
                        + tokens + " input tokens (" + tokenCounter.name() + "), over the budget of "
                        + inputBudget.getAsLong() + "; assemble the context with a smaller budget"));
            }
        }
        GenerationRequest request = GenerationRequest.builder()
                .addMessage(Message.system(system))
                .addMessage(Message.user(user))
                .tools(spec.tools())
                .responseSchema(f.sent())
                .temperature(temperature)
                .maxOutputTokens(f.maxOutputTokens())
                .stopSequences(spec.stopConditions().sequences())
                .attribute(CONTRACT_ID, contract.id())
                .attribute(CONTRACT_VERSION, contract.version())
                .attribute(CONTRACT_FINGERPRINT, contract.fingerprint())
                .build();
        Evidence evidence = context.evidence()
                .with(Source.of(REQUEST_SOURCE_ID, "user-request", userRequest, Trust.TRUSTED));
        return new Composition.Composed(request, evidence, context.manifest(), f.full(), f.fit(), f.warnings());
    }

    /**
     * What every composition of this composer shares: the lint decision, the schemas, the system text. All follow
     * from the contract, the spec and the settings, which never change; computed on the first composition.
     */
    private record Fixed(Composition.@Nullable Blocked blocked, @Nullable ResponseSchema full,
            @Nullable ProviderSchema fit, @Nullable ResponseSchema sent, String system,
            @Nullable Integer maxOutputTokens, List<LintFinding> warnings) {}

    private Fixed fixed() {
        Fixed f = fixed;
        if (f == null) {
            List<LintFinding> errors = lint.stream().filter(LintFinding::isError).toList();
            if (!errors.isEmpty() && lintPolicy == LintPolicy.BLOCK_ON_ERRORS) {
                f = new Fixed(new Composition.Blocked(errors.get(0).mode(),
                        errors.stream().map(x -> x.mode() + " " + x.subjects() + ": " + x.message()).toList()),
                        null, null, null, "", null, List.of());
            } else {
                ResponseSchema full = spec.responseSchema().orElse(null);
                ProviderSchema fit = full == null || schemaTarget == SchemaTarget.FULL ? null
                        : ProviderSchemas.toOpenAiStrict(full);
                List<LintFinding> warnings = lint.stream()
                        .filter(x -> lintPolicy == LintPolicy.IGNORE_ERRORS || !x.isError()).toList();
                f = new Fixed(null, full, fit, sentSchema(full, fit), systemText(full, fit), maxOutputTokens(),
                        warnings);
            }
            fixed = f;
        }
        return f;
    }

    private String systemText(@Nullable ResponseSchema full, @Nullable ProviderSchema fit) {
        StringBuilder s = new StringBuilder(contract.render().strip());
        spec.citations().ifPresent(c -> s.append("\n\n").append(c.instructions()));
        if (full != null && fit instanceof ProviderSchema.Fallback fallback) {
            s.append("\n\n").append(fallback.instructions(full.schema()).strip());
        }
        return s.append('\n').toString();
    }

    private static @Nullable ResponseSchema sentSchema(@Nullable ResponseSchema full, @Nullable ProviderSchema fit) {
        if (full == null || fit == null) {
            return full;
        }
        if (fit instanceof ProviderSchema.Converted converted) {
            return new ResponseSchema(full.name(), converted.schema());
        }
        return null;
    }

    private @Nullable Integer maxOutputTokens() {
        OptionalInt stop = spec.stopConditions().maxOutputTokens();
        OptionalLong budget = spec.budget().outputTokens();
        long limit = Long.MAX_VALUE;
        if (stop.isPresent()) limit = stop.getAsInt();
        if (budget.isPresent()) limit = Math.min(limit, budget.getAsLong());
        return limit == Long.MAX_VALUE ? null : (int) Math.min(limit, Integer.MAX_VALUE);
    }

    /** Builds a {@link RequestComposer}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final IntentContract contract;
        private final OutputSpec spec;
        private LintPolicy lintPolicy = LintPolicy.BLOCK_ON_ERRORS;
        private SchemaTarget schemaTarget = SchemaTarget.FULL;
        private TokenCounter tokenCounter = TokenCounter.cl100kBase();
        private @Nullable Double temperature;

        private Builder(IntentContract contract, OutputSpec spec) {
            this.contract = Objects.requireNonNull(contract, "contract");
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /** Sets whether lint errors block composition. */
        public Builder lintPolicy(LintPolicy lintPolicy) {
            this.lintPolicy = Objects.requireNonNull(lintPolicy, "lintPolicy");
            return this;
        }

        /** Sets which schema is sent to the provider. */
        public Builder schemaTarget(SchemaTarget schemaTarget) {
            this.schemaTarget = Objects.requireNonNull(schemaTarget, "schemaTarget");
            return this;
        }

        /** Sets the counter used to check the input-token budget (use the target model's). */
        public Builder tokenCounter(TokenCounter tokenCounter) {
            this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
            return this;
        }

        /** Sets or clears the sampling temperature of composed requests. */
        public Builder temperature(@Nullable Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public RequestComposer build() {
            return new RequestComposer(this);
        }
    }
}
