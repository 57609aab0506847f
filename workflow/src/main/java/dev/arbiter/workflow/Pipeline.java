package dev.arbiter.workflow;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.core.SecureRandoms;
import dev.arbiter.steering.constraint.Budget;
import dev.arbiter.workflow.internal.BlockingSteps;
import dev.arbiter.workflow.internal.PipelineRun;
import dev.arbiter.workflow.internal.SafeListener;
import dev.arbiter.workflow.trace.TraceListener;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline of {@link Step}s whose typed artifacts pass from one step to the next:
 *
 * <pre>
 * run(input) = Step_n( … Step_2( Step_1(input) ) )   each step: Checkpoint-or-Run, within the run's Budget
 * </pre>
 *
 * <p>A step's {@link Outcome.Accepted accepted} value is stored as a {@link Checkpoint} keyed by
 * {@code position:stepId:sha256(input JSON)} and passed on; any other outcome ends the run with that outcome.
 * Running again with the same run id resumes: completed steps are loaded from the store, not run (so a
 * governed step does not call the model again, since its request is a function of its input), and the budget
 * continues from the spend stored with the last checkpoint.
 *
 * <p>{@link #run} never throws: a step, ledger or store that throws ends the run as {@link Outcome.Failed}.
 * Immutable, thread-safe and reusable across runs; listeners that throw are logged and ignored.
 *
 * <pre>{@code
 * Pipeline<Ticket, Reply> pipeline = Pipeline.builder("support", classify, ArtifactType.of(Category.class))
 *         .then(draftReply, ArtifactType.of(Reply.class))
 *         .budget(Budget.builder().attempts(6).cost(new BigDecimal("0.05")).build())
 *         .ledger(ledger)
 *         .checkpoints(CheckpointStore.file(dir))
 *         .listener(new Slf4jTraceListener(Redactor.standard()))
 *         .build();
 * Outcome<Reply> outcome = pipeline.run(ticket);
 * }</pre>
 *
 * @param <I> the run's input
 * @param <O> the run's accepted output
 */
public final class Pipeline<I, O> {

    /** One step and the type of its output artifact. */
    public record Stage(Step<?, ?> step, ArtifactType<?> output) {
        public Stage {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(output, "output");
        }
    }

    /** Everything a run needs besides its steps. */
    public record Services(ProvenanceLedger ledger, CheckpointStore checkpoints, TraceListener trace, Budget budget,
            PriceTable prices, Sleeper sleeper, Clock clock, Random random, @Nullable ApprovalQueue approvals,
            Executor blockingWork) {}

    private final String name;
    private final List<Stage> stages;
    private final Services services;

    private Pipeline(String name, List<Stage> stages, Services services) {
        this.name = name;
        this.stages = List.copyOf(stages);
        this.services = services;
    }

    /** Starts a pipeline named {@code name} with its first step. */
    public static <I, O> Builder<I, O> builder(String name, Step<I, O> first, ArtifactType<O> output) {
        return new Builder<I, O>(name).add(first, output);
    }

    /** Runs the pipeline on {@code input} under a new run id. Never throws. */
    public Outcome<O> run(I input) {
        return run(SecureRandoms.uuid().toString(), input);
    }

    /**
     * Runs or resumes run {@code runId} on {@code input}: steps with a checkpoint are not run again. Never throws.
     */
    public Outcome<O> run(String runId, I input) {
        return new PipelineRun<I, O>(name, stages, services, runId).run(input);
    }

    /**
     * Runs the pipeline on {@code input} under a new run id, without holding a thread while a model works: see
     * {@link #runAsync(String, Object)}. Never completes exceptionally.
     */
    public CompletableFuture<Outcome<O>> runAsync(I input) {
        return runAsync(SecureRandoms.uuid().toString(), input);
    }

    /**
     * Runs or resumes run {@code runId} on {@code input} as {@link #run(String, Object)} does, but returns at once
     * with the future outcome: each step runs by {@link Step#runAsync}, so a {@link GovernedStep} whose generator
     * answers asynchronously ({@link dev.arbiter.core.Generator#generateAsync}) holds no thread while the model
     * works. On Java 17 this is how thousands of concurrent runs share a few threads. The work before a run's first
     * pending generation runs on the calling thread; the work after it on the thread that completes the
     * generation (hand it to an executor there if that thread must not be held). Back-offs wait with {@link
     * Sleeper#sleepAsync}. Work that may block runs on the pipeline's {@link Builder#blockingWork executor for
     * blocking work}: deterministic steps ({@link Steps#of}) and other steps that implement only {@link Step#run},
     * and the approval queue; tools that block run on their gateway's ({@link
     * dev.arbiter.authority.permission.ToolGateway.Builder#blockingTools}); checkpoints and ledger records are
     * stored with the stores' asynchronous calls. The outcome, records, checkpoints
     * and trace are exactly those of {@link #run(String, Object)}. Never completes exceptionally: a step, ledger or
     * store that throws fails the run.
     */
    public CompletableFuture<Outcome<O>> runAsync(String runId, I input) {
        return new PipelineRun<I, O>(name, stages, services, runId).runAsync(input);
    }

    /** Returns the pipeline's name. */
    public String name() {
        return name;
    }

    /** Returns the stages in order. */
    public List<Stage> stages() {
        return stages;
    }

    /**
     * Builds a {@link Pipeline}. Not thread-safe; {@link #build()} copies.
     *
     * @param <I> the run's input
     * @param <C> the output of the last step added so far
     */
    public static final class Builder<I, C> {
        private final String name;
        private final List<Stage> stages = new ArrayList<>();
        private ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        private CheckpointStore checkpoints = CheckpointStore.inMemory();
        private final List<TraceListener> listeners = new ArrayList<>();
        private Budget budget = Budget.unlimited();
        private PriceTable prices = PriceTable.defaults();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private Random random = new SecureRandom();
        private @Nullable ApprovalQueue approvals;
        private Redactor redactor = Redactor.standard();
        private Executor blockingWork = BlockingSteps.shared();

        private Builder(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("a pipeline name must not be blank");
            }
            this.name = name;
        }

        private Builder<I, C> add(Step<?, ?> step, ArtifactType<?> output) {
            for (Stage s : stages) {
                if (s.step().id().equals(step.id())) {
                    throw new IllegalArgumentException("step id '" + step.id() + "' is used twice in pipeline '"
                            + name + "'");
                }
            }
            stages.add(new Stage(step, output));
            return this;
        }

        /** Appends {@code step}, whose input is the previous step's output. */
        @SuppressWarnings("unchecked")
        public <N> Builder<I, N> then(Step<? super C, N> step, ArtifactType<N> output) {
            return (Builder<I, N>) add(step, output);
        }

        /**
         * Sets the ledger every decision is appended to, redacted by the {@link #redactor}; defaults to an in-memory
         * ledger.
         */
        public Builder<I, C> ledger(ProvenanceLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** Sets the checkpoint store; defaults to {@link CheckpointStore#inMemory()}. */
        public Builder<I, C> checkpoints(CheckpointStore checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            return this;
        }

        /** Adds a trace listener. */
        public Builder<I, C> listener(TraceListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Sets the budget of each run, enforced across all its steps; defaults to unlimited. */
        public Builder<I, C> budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Sets the price table for the cost budget; defaults to {@link PriceTable#defaults()}. */
        public Builder<I, C> prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /** Sets how back-off waits; defaults to {@link Sleeper#SYSTEM}. */
        public Builder<I, C> sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Sets the clock (wall-time budget, event times); defaults to the UTC system clock. */
        public Builder<I, C> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the source of back-off jitter; defaults to a {@link SecureRandom}. */
        public Builder<I, C> random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Sets the queue where escalations wait for a person: a candidate a verifier sent to human review (or an
         * escalated refusal, content filter or policy finding) is submitted there as a call of the reserved tool
         * {@code arbiter.review}, bound to the digest of the exact candidate, and a resumed run accepts it once
         * approved or ends rejected; tool calls a person rejected are not proposed to the gateway again. Give it
         * the queue the tool gateways use. Without one, such escalations end {@code Escalated(runId/stepId)} and
         * are not persisted.
         */
        public Builder<I, C> approvals(ApprovalQueue approvals) {
            this.approvals = Objects.requireNonNull(approvals, "approvals");
            return this;
        }

        /**
         * Sets how the free text of the records this pipeline appends (notes with provider error messages, findings
         * quoting the output, permission reasons) is redacted; defaults to {@link Redactor#standard()} (API keys,
         * e-mail addresses, phone, card and IBAN numbers). Add your configured secrets with
         * {@code Redactor.builder().secret(key).build()}; {@link Redactor#none()} stores the text as it is. A ledger
         * already wrapped by {@link Redactor#ledger} is used as it is. Ids, digests, decisions and the chain are never
         * changed, so the ledger still verifies.
         */
        public Builder<I, C> redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Sets where {@link Pipeline#runAsync} does work that may block, so that it holds none of the threads the
         * run goes on on (a provider client's, a timer's, the file ledger's force thread): steps whose {@link
         * Step#runAsync} is the interface's default ({@link Steps#of}, and steps of your own that implement only
         * {@link Step#run}), and the approval queue with the suspensions kept for it. Defaults to threads {@code
         * arbiter-blocking-N}: a virtual thread per task on Java 24 or later, a pool of daemon threads made as
         * needed before ({@link dev.arbiter.core.BlockingWork#executor}). {@code Runnable::run} keeps that work on
         * the run's thread. {@link Pipeline#run} does all its work on the calling thread whatever this is.
         */
        public Builder<I, C> blockingWork(Executor executor) {
            this.blockingWork = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Builds the pipeline. */
        @SuppressWarnings("unchecked")
        public Pipeline<I, C> build() {
            Services services = new Services(redactor.unlessRedacting(ledger), checkpoints, new SafeListener(listeners), budget, prices,
                    sleeper, clock, random, approvals, blockingWork);
            return new Pipeline<>(name, stages, services);
        }
    }
}
