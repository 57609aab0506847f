package dev.arbiter.workflow.internal;

import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.core.FailureMode;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.Failure;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.RunBudget;
import dev.arbiter.workflow.Spend;
import dev.arbiter.workflow.Step;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One run of a pipeline: checkpoint-or-run each stage in order. Not thread-safe: one instance per run.
 *
 * @param <I> the run's input
 * @param <O> the run's output
 */
public final class PipelineRun<I, O> {

    private final String pipeline;
    private final List<Pipeline.Stage> stages;
    private final Pipeline.Services services;
    private final String runId;
    private final String runSpan = SpanIds.next();
    private @Nullable RunBudget budget;
    private boolean async;

    public PipelineRun(String pipeline, List<Pipeline.Stage> stages, Pipeline.Services services, String runId) {
        this.pipeline = pipeline;
        this.stages = stages;
        this.services = services;
        this.runId = runId;
    }

    /** Runs to an outcome; never throws (a throwing step, ledger or store fails the run). */
    public Outcome<O> run(I input) {
        return Futures.join(start(input, false));
    }

    /**
     * Runs to an outcome, each step by {@link Step#runAsync}: the run goes on on whichever thread completes a step.
     * Never completes exceptionally (a throwing step, ledger or store fails the run), short of a virtual machine
     * error.
     */
    public CompletableFuture<Outcome<O>> runAsync(I input) {
        return start(input, true);
    }

    /**
     * @param async whether the records of steps that are not governed steps are appended with {@link
     *     dev.arbiter.authority.provenance.ProvenanceLedger#appendAsync} (a governed step appends its own)
     */
    private CompletableFuture<Outcome<O>> start(I input, boolean async) {
        this.async = async;
        services.trace().on(new TraceEvent.RunStarted(new TraceEvent.Scope(runId, runSpan, null,
                services.clock().instant()), pipeline));
        return Futures.call(() -> stagesFrom(0, input)).handle(this::ended);
    }

    private Outcome<O> ended(@Nullable Outcome<O> result, @Nullable Throwable failure) {
        Outcome<O> outcome = result;
        if (failure != null || outcome == null) {
            Throwable e = failure == null ? new IllegalStateException("the run ended without an outcome")
                    : Futures.cause(failure);
            if (e instanceof Error && !(e instanceof LinkageError || e instanceof AssertionError)) {
                throw (Error) e;
            }
            outcome = new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, pipeline, "the run threw " + e,
                    spend()));
        }
        services.trace().on(new TraceEvent.RunEnded(new TraceEvent.Scope(runId, runSpan, null,
                services.clock().instant()), pipeline, Outcomes.kind(outcome), Outcomes.mode(outcome), spend().usage()));
        return outcome;
    }

    /** Runs stages {@code from} onwards; in a loop while steps end at once, by continuation when one does not. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Outcome<O>> stagesFrom(int from, Object input) {
        Object current = input;
        for (int i = from; i < stages.size(); i++) {
            Pipeline.Stage stage = stages.get(i);
            Step<Object, Object> step = (Step<Object, Object>) stage.step();
            ArtifactType<Object> type = (ArtifactType<Object>) stage.output();
            String key = i + ":" + step.id() + ":" + Json.digest(current);
            String span = SpanIds.next();
            services.trace().on(new TraceEvent.StepStarted(scope(span), step.id()));
            CompletableFuture<Optional<Checkpoint>> loading = load(key);
            if (!loading.isDone() || loading.isCompletedExceptionally()) {
                int at = i;
                Object in = current;
                return loading.thenCompose(saved -> saved.isPresent()
                        ? stagesFrom(at + 1, resumed(step, type, span, saved.get()))
                        : then(at, step, type, key, span, runStep(step, in, span), null));
            }
            Optional<Checkpoint> saved = loading.join();
            if (saved.isPresent()) {
                current = resumed(step, type, span, saved.get());
                continue;
            }
            CompletableFuture<Outcome<Object>> pending = runStep(step, current, span);
            CompletableFuture<Boolean> goOn = pending.isDone() ? stepEnded(step, type, key, span, pending.join())
                    : null;
            if (goOn == null || !goOn.isDone() || goOn.isCompletedExceptionally()) {
                return then(i, step, type, key, span, pending, goOn);
            }
            Outcome<Object> o = pending.join();
            if (!goOn.join()) {
                return CompletableFuture.completedFuture((Outcome<O>) o);
            }
            current = ((Outcome.Accepted<Object>) o).value();
        }
        return CompletableFuture.completedFuture(new Outcome.Accepted<>((O) current, runId));
    }

    /**
     * The checkpoint of {@code key}, if its step completed: loaded on this thread in a synchronous run (what {@code
     * load} throws, thrown), with {@code loadAsync} in an asynchronous one.
     */
    private CompletableFuture<Optional<Checkpoint>> load(String key) {
        if (!async) {
            return CompletableFuture.completedFuture(services.checkpoints().load(runId, key));
        }
        return Objects.requireNonNull(services.checkpoints().loadAsync(runId, key), "the checkpoint store returned no"
                + " future");
    }

    /** A checkpointed step's artifact, its spend restored and its end traced as resumed. */
    private Object resumed(Step<Object, Object> step, ArtifactType<Object> type, String span, Checkpoint saved) {
        Object value = type.fromJson(saved.artifactJson());
        budget = RunBudget.resume(services.budget(), services.prices(), services.clock(), saved.spend());
        services.trace().on(new TraceEvent.StepEnded(scope(span), step.id(), "accepted", null, true));
        return value;
    }

    /** Once stage {@code i}'s step and its end are done, the stages after it, or the outcome that stopped the run. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Outcome<O>> then(int i, Step<Object, Object> step, ArtifactType<Object> type, String key,
            String span, CompletableFuture<Outcome<Object>> pending, @Nullable CompletableFuture<Boolean> goOn) {
        return pending.thenCompose(o -> (goOn != null ? goOn : stepEnded(step, type, key, span, o))
                .thenCompose(accepted -> accepted ? stagesFrom(i + 1, ((Outcome.Accepted<Object>) o).value())
                        : CompletableFuture.completedFuture((Outcome<O>) o)));
    }

    /**
     * Traces the end of a step and checkpoints its artifact (asynchronously in an asynchronous run); completes with
     * whether the run goes on, once the checkpoint is saved.
     */
    private CompletableFuture<Boolean> stepEnded(Step<Object, Object> step, ArtifactType<Object> type, String key,
            String span, Outcome<Object> o) {
        services.trace().on(new TraceEvent.StepEnded(scope(span), step.id(), Outcomes.kind(o), Outcomes.mode(o),
                false));
        if (!(o instanceof Outcome.Accepted<Object> accepted)) {
            return CompletableFuture.completedFuture(false);
        }
        Checkpoint checkpoint = new Checkpoint(runId, key, step.id(), type.toJson(accepted.value()), spend(),
                services.clock().instant());
        if (!async) {
            services.checkpoints().save(checkpoint);
            return CompletableFuture.completedFuture(true);
        }
        return Objects.requireNonNull(services.checkpoints().saveAsync(checkpoint), "the checkpoint store returned no"
                + " future").thenApply(saved -> true);
    }

    private CompletableFuture<Outcome<Object>> runStep(Step<Object, Object> step, Object input, String span) {
        StepContext ctx = StepContext.of(runId, step.id(), span, budget(), services.ledger(), services.trace(),
                services.sleeper(), services.clock(), services.random(), services.checkpoints(), services.approvals())
                .withBlockingWork(services.blockingWork());
        // a synchronous run calls run: each step waits on this thread, as it always did
        CompletableFuture<Outcome<Object>> started = async ? BlockingSteps.runAsync(step, input, ctx)
                : Futures.call(() -> CompletableFuture.completedFuture(step.run(input, ctx)));
        return started.handle((o, failure) -> stepDone(step, ctx, o, failure)).thenCompose(done -> done);
    }

    /**
     * What a step's future ended with, as an outcome: a throw (or a null) fails the step, with its record. A step
     * that is not a governed step gets its record here; the outcome completes once it is stored.
     */
    private CompletableFuture<Outcome<Object>> stepDone(Step<Object, Object> step, StepContext ctx,
            @Nullable Outcome<Object> o, @Nullable Throwable failure) {
        if (failure != null) {
            Throwable thrown = Futures.cause(failure);
            if (thrown instanceof Error error) {
                throw error;
            }
            return stepFailed(step, ctx, thrown);
        }
        try {
            if (o == null) {
                throw new IllegalStateException("step '" + step.id() + "' returned null");
            }
            if (!(o instanceof Outcome.Accepted<Object> a) || step instanceof dev.arbiter.workflow.GovernedStep) {
                return CompletableFuture.completedFuture(o);
            }
            if (!async) {
                Records.appendPlain(ctx, Decision.ACCEPTED, Json.digest(a.value()), "step completed");
                return CompletableFuture.completedFuture(o);
            }
            return Records.appendPlainAsync(ctx, Decision.ACCEPTED, Json.digest(a.value()), "step completed")
                    .handle((stored, e) -> e == null ? CompletableFuture.completedFuture(o)
                            : stepFailed(step, ctx, Futures.cause(e)))
                    .thenCompose(done -> done);
        } catch (RuntimeException e) {
            return stepFailed(step, ctx, e);
        }
    }

    /**
     * The step failed: its record, appended with {@code appendAsync} in an asynchronous run, and then its outcome.
     * A record that cannot be stored fails the run as a throwing ledger does ({@link #ended}).
     */
    private CompletableFuture<Outcome<Object>> stepFailed(Step<Object, Object> step, StepContext ctx,
            Throwable thrown) {
        String why = "step '" + step.id() + "' threw " + thrown;
        Outcome<Object> failed = new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, step.id(), why,
                spend()));
        if (!async) {
            Records.appendPlain(ctx, Decision.FAILED, null, why);
            return CompletableFuture.completedFuture(failed);
        }
        return Records.appendPlainAsync(ctx, Decision.FAILED, null, why).thenApply(stored -> failed);
    }

    private RunBudget budget() {
        if (budget == null) {
            budget = RunBudget.start(services.budget(), services.prices(), services.clock());
        }
        return budget;
    }

    private Spend spend() {
        return budget().spend();
    }

    private TraceEvent.Scope scope(String span) {
        return new TraceEvent.Scope(runId, span, runSpan, services.clock().instant());
    }
}
