package dev.arbiter.workflow;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.workflow.internal.BlockingSteps;
import dev.arbiter.workflow.internal.SpanIds;
import dev.arbiter.workflow.trace.TraceEvent;
import dev.arbiter.workflow.trace.TraceListener;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Step} knows about the run it belongs to: the run id, its own step id and span, the run's
 * {@link RunBudget}, the provenance ledger, the trace, the run's checkpoint store and, when the pipeline has one,
 * the {@link ApprovalQueue} where escalations wait for a person.
 *
 * <p>Made by the {@link Pipeline}. Thread-safe. {@link #emit} never throws: a listener that throws is logged and
 * ignored.
 */
public final class StepContext {

    private final String runId;
    private final String stepId;
    private final String spanId;
    private final RunBudget budget;
    private final ProvenanceLedger ledger;
    private final TraceListener trace;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Random random;
    private final CheckpointStore checkpoints;
    private final @Nullable ApprovalQueue approvals;
    private final Executor blockingWork;

    /**
     * Returns the context of step {@code stepId} in run {@code runId}, with an in-memory checkpoint store and no
     * approval queue; pipelines make these, and so can tests of custom steps.
     */
    public static StepContext of(String runId, String stepId, String spanId, RunBudget budget,
            ProvenanceLedger ledger, TraceListener trace, Sleeper sleeper, Clock clock, Random random) {
        return new StepContext(runId, stepId, spanId, budget, ledger, trace, sleeper, clock, random,
                CheckpointStore.inMemory(), null, BlockingSteps.shared());
    }

    /**
     * Returns the context of step {@code stepId} in run {@code runId} with the run's checkpoint store and approval
     * queue ({@code null}: escalations are not persisted).
     */
    public static StepContext of(String runId, String stepId, String spanId, RunBudget budget,
            ProvenanceLedger ledger, TraceListener trace, Sleeper sleeper, Clock clock, Random random,
            CheckpointStore checkpoints, @Nullable ApprovalQueue approvals) {
        return new StepContext(runId, stepId, spanId, budget, ledger, trace, sleeper, clock, random, checkpoints,
                approvals, BlockingSteps.shared());
    }

    /**
     * Returns this context with {@code executor} as the {@link #blockingWork() executor for blocking work}; the
     * pipeline gives its steps the one of {@link Pipeline.Builder#blockingWork}.
     */
    public StepContext withBlockingWork(Executor executor) {
        return new StepContext(runId, stepId, spanId, budget, ledger, trace, sleeper, clock, random, checkpoints,
                approvals, Objects.requireNonNull(executor, "executor"));
    }

    private StepContext(String runId, String stepId, String spanId, RunBudget budget, ProvenanceLedger ledger,
            TraceListener trace, Sleeper sleeper, Clock clock, Random random, CheckpointStore checkpoints,
            @Nullable ApprovalQueue approvals, Executor blockingWork) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.stepId = Objects.requireNonNull(stepId, "stepId");
        this.spanId = Objects.requireNonNull(spanId, "spanId");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.approvals = approvals;
        this.blockingWork = blockingWork;
    }

    /** Returns the run id. */
    public String runId() {
        return runId;
    }

    /** Returns the id of the running step. */
    public String stepId() {
        return stepId;
    }

    /** Returns the span of the running step: the parent of the events the step emits. */
    public String spanId() {
        return spanId;
    }

    /** Returns the run's budget. */
    public RunBudget budget() {
        return budget;
    }

    /** Returns the ledger every decision is appended to. */
    public ProvenanceLedger ledger() {
        return ledger;
    }

    /** Returns the sleeper for back-off. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Returns the clock of the run. */
    public Clock clock() {
        return clock;
    }

    /** Returns the source of jitter. */
    public Random random() {
        return random;
    }

    /** Returns the run's checkpoint store (artifacts of completed steps, and what escalations wait for). */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** Returns the queue where escalations wait for a person, if the pipeline has one. */
    public Optional<ApprovalQueue> approvals() {
        return Optional.ofNullable(approvals);
    }

    /**
     * Returns where an asynchronous run does work that may block: steps that implement only {@link Step#run}
     * ({@link Steps#of}), and asking the approval queue. A step of your own that overrides {@link Step#runAsync} can
     * hand its blocking parts to it too. Defaults to {@link dev.arbiter.core.BlockingWork#executor}'s threads
     * {@code arbiter-blocking-N}.
     */
    public Executor blockingWork() {
        return blockingWork;
    }

    /** Sends {@code event} to the run's listeners; never throws. */
    public void emit(TraceEvent event) {
        trace.on(event);
    }

    /** Returns a new span id. */
    public String newSpanId() {
        return SpanIds.next();
    }

    /** Returns the scope of an event for span {@code span}, child of this step's span, now. */
    public TraceEvent.Scope scope(String span) {
        return new TraceEvent.Scope(runId, span, spanId, clock.instant());
    }

    /** Returns a context for a nested step (fan-out element, sub-step) with its own id and span. */
    public StepContext nested(String childStepId, String childSpanId) {
        return new StepContext(runId, childStepId, childSpanId, budget, ledger, trace, sleeper, clock, random,
                checkpoints, approvals, blockingWork);
    }
}
