package dev.arbiter.workflow;

import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.Generator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextSource;
import dev.arbiter.workflow.internal.AttemptLoop;
import dev.arbiter.workflow.internal.GovernedSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A governed generation step: the model proposes, the verifiers decide, and the remedy for each failure mode
 * drives the next attempt.
 *
 * <pre>
 * Outcome = Decide(Verify(Generate(Compose(contract, context, spec))))   repeated by Remedy, within Budget
 * </pre>
 *
 * <ol>
 *   <li><b>Compose</b>: the task text from the input, the context of every {@link ContextSource} assembled
 *       into {@code contextTokens}, and the {@link RequestComposer}'s contract and output spec.</li>
 *   <li><b>Generate</b>: one call of the {@link Generator}; a provider error is an attempt that failed with
 *       the exception's failure mode; a finish reason with a failure mode (length, refusal, content filter)
 *       likewise.</li>
 *   <li><b>Verify</b>: every verifier, each guarded (a verifier that throws fails closed), on the candidate
 *       (strict-mode nulls restored first).</li>
 *   <li><b>Decide</b>: all pass and the output binds to the artifact type: {@link Outcome.Accepted}.
 *       A {@code HumanReview} verdict with no failing verifier: escalate. Otherwise the {@link Remedies}
 *       choose; when the step's attempts run out with findings left: {@link Outcome.Rejected}.</li>
 * </ol>
 *
 * <p>Every attempt charges the run's {@link RunBudget}; every decision appends one provenance entry and every
 * attempt, generation and verification emits start/end trace events. Immutable and thread-safe when its parts
 * are.
 *
 * <pre>{@code
 * GovernedStep<Ticket, Summary> summarize = GovernedStep.builder("summarize", ArtifactType.of(Summary.class))
 *         .composer(RequestComposer.builder(contract, spec).build())
 *         .task(ticket -> "Summarize ticket " + ticket.id())
 *         .generator(generator)
 *         .verifier(JsonSchemaVerifier.create())
 *         .build();
 * }</pre>
 *
 * @param <I> the input artifact
 * @param <O> the accepted output artifact
 */
public final class GovernedStep<I, O> implements Step<I, O> {

    private final GovernedSettings<I, O> settings;

    private GovernedStep(GovernedSettings<I, O> settings) {
        this.settings = settings;
    }

    /** Starts a governed step with stable id {@code id} whose accepted output is read as {@code output}. */
    public static <I, O> Builder<I, O> builder(String id, ArtifactType<O> output) {
        return new Builder<>(id, output);
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public Outcome<O> run(I input, StepContext context) {
        return new AttemptLoop<>(settings, input, context).run();
    }

    /**
     * Runs the step as {@link #run} does, asking the generator with {@link Generator#generateAsync}: while a
     * generation is pending the step holds no thread, and verification, binding and the provenance record run on the
     * thread that completes the generation. The step's provenance records are appended with {@link
     * dev.arbiter.authority.provenance.ProvenanceLedger#appendAsync}: sealed at once, and the returned outcome
     * completes only once the last of them is stored (with a file ledger's group commit, on the thread whose force
     * stores it). A back-off waits with {@link Sleeper#sleepAsync}. Tool calls and approvals still run on the thread the
     * step is on when it reaches them.
     */
    @Override
    public CompletableFuture<Outcome<O>> runAsync(I input, StepContext context) {
        return new AttemptLoop<>(settings, input, context, true).runAsync();
    }

    @Override
    public String toString() {
        return "GovernedStep[" + settings.id() + ", verifiers="
                + settings.verifiers().stream().map(Verifier::id).toList() + "]";
    }

    /**
     * Builds a {@link GovernedStep}. Not thread-safe; {@link #build()} copies.
     *
     * @param <I> the input artifact
     * @param <O> the accepted output artifact
     */
    public static final class Builder<I, O> {
        private final String id;
        private final ArtifactType<O> output;
        private @Nullable RequestComposer composer;
        private Function<? super I, String> task = String::valueOf;
        private final List<ContextSource> sources = new ArrayList<>();
        private @Nullable ContextAssembler assembler;
        private int contextTokens = 4_000;
        private @Nullable Generator generator;
        private final List<Verifier> verifiers = new ArrayList<>();
        private Remedies remedies = Remedies.defaults();
        private int maxAttempts = 3;
        private String provider = "unknown";
        private String model = "";
        private @Nullable ToolGateway gateway;
        private int maxToolRounds;

        private Builder(String id, ArtifactType<O> output) {
            if (Objects.requireNonNull(id, "id").isBlank()) {
                throw new IllegalArgumentException("a step id must not be blank");
            }
            this.id = id;
            this.output = Objects.requireNonNull(output, "output");
        }

        /** Sets the composer of contract and output spec (required). */
        public Builder<I, O> composer(RequestComposer composer) {
            this.composer = Objects.requireNonNull(composer, "composer");
            return this;
        }

        /** Sets how the input becomes the user request text; defaults to {@code String.valueOf(input)}. */
        public Builder<I, O> task(Function<? super I, String> task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /** Adds a context source; its items are assembled into the request. */
        public Builder<I, O> context(ContextSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** Sets the assembler and the context token budget; defaults to a default assembler and 4,000 tokens. */
        public Builder<I, O> assembler(ContextAssembler assembler, int contextTokens) {
            if (contextTokens <= 0) {
                throw new IllegalArgumentException("contextTokens must be positive, was " + contextTokens);
            }
            this.assembler = Objects.requireNonNull(assembler, "assembler");
            this.contextTokens = contextTokens;
            return this;
        }

        /** Sets the model (required). */
        public Builder<I, O> generator(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** Adds a verifier; every verifier runs on every candidate. */
        public Builder<I, O> verifier(Verifier verifier) {
            verifiers.add(Objects.requireNonNull(verifier, "verifier"));
            return this;
        }

        /** Sets the remedies; defaults to {@link Remedies#defaults()}. */
        public Builder<I, O> remedies(Remedies remedies) {
            this.remedies = Objects.requireNonNull(remedies, "remedies");
            return this;
        }

        /** Sets the attempts this step may make; defaults to 3. */
        public Builder<I, O> maxAttempts(int maxAttempts) {
            if (maxAttempts <= 0) {
                throw new IllegalArgumentException("maxAttempts must be positive, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Names the provider for traces ({@code gen_ai.provider.name}, e.g. {@code openai}); default "unknown". */
        public Builder<I, O> provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Names the model the step asks for, for traces ({@code gen_ai.request.model}, span {@code chat {model}}). */
        public Builder<I, O> model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Lets the model use tools: every proposed call goes through {@code gateway} (the only path to execution),
         * results come back as tool messages and untrusted evidence, for at most {@code maxRounds} rounds per
         * attempt. A denied call comes back to the model as a refusal; a call that needs approval suspends the step
         * ({@link Outcome.Escalated} with the approval's id). Without this, proposed tool calls are never run.
         */
        public Builder<I, O> tools(ToolGateway gateway, int maxRounds) {
            if (maxRounds <= 0) {
                throw new IllegalArgumentException("maxRounds must be positive, was " + maxRounds);
            }
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            this.maxToolRounds = maxRounds;
            return this;
        }

        /**
         * Builds the step.
         *
         * @throws IllegalStateException when the composer or the generator is missing
         */
        public GovernedStep<I, O> build() {
            if (composer == null) {
                throw new IllegalStateException("governed step '" + id + "' needs a composer");
            }
            if (generator == null) {
                throw new IllegalStateException("governed step '" + id + "' needs a generator");
            }
            ContextAssembler a = assembler != null ? assembler : ContextAssembler.builder().build();
            return new GovernedStep<>(new GovernedSettings<>(id, output, composer, task, sources, a, contextTokens,
                    generator, verifiers, remedies, maxAttempts, provider, model, gateway, maxToolRounds));
        }
    }
}
