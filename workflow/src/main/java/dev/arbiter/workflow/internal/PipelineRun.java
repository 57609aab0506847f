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
import java.util.Optional;
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

    public PipelineRun(String pipeline, List<Pipeline.Stage> stages, Pipeline.Services services, String runId) {
        this.pipeline = pipeline;
        this.stages = stages;
        this.services = services;
        this.runId = runId;
    }

    /** Runs to an outcome; never throws (a throwing step, ledger or store fails the run). */
    public Outcome<O> run(I input) {
        services.trace().on(new TraceEvent.RunStarted(new TraceEvent.Scope(runId, runSpan, null,
                services.clock().instant()), pipeline));
        Outcome<O> outcome;
        try {
            outcome = stages(input);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            outcome = new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, pipeline,
                    "the run threw " + e, spend()));
        }
        services.trace().on(new TraceEvent.RunEnded(new TraceEvent.Scope(runId, runSpan, null,
                services.clock().instant()), pipeline, Outcomes.kind(outcome), Outcomes.mode(outcome), spend().usage()));
        return outcome;
    }

    @SuppressWarnings("unchecked")
    private Outcome<O> stages(I input) {
        Object current = input;
        for (int i = 0; i < stages.size(); i++) {
            Pipeline.Stage stage = stages.get(i);
            Step<Object, Object> step = (Step<Object, Object>) stage.step();
            ArtifactType<Object> type = (ArtifactType<Object>) stage.output();
            String key = i + ":" + step.id() + ":" + Json.digest(current);
            String span = SpanIds.next();
            services.trace().on(new TraceEvent.StepStarted(scope(span), step.id()));
            Optional<Checkpoint> saved = services.checkpoints().load(runId, key);
            if (saved.isPresent()) {
                current = type.fromJson(saved.get().artifactJson());
                budget = RunBudget.resume(services.budget(), services.prices(), services.clock(), saved.get().spend());
                services.trace().on(new TraceEvent.StepEnded(scope(span), step.id(), "accepted", null, true));
                continue;
            }
            Outcome<Object> o = runStep(step, current, span);
            services.trace().on(new TraceEvent.StepEnded(scope(span), step.id(), Outcomes.kind(o), Outcomes.mode(o),
                    false));
            if (!(o instanceof Outcome.Accepted<Object> accepted)) {
                return (Outcome<O>) o;
            }
            current = accepted.value();
            services.checkpoints().save(new Checkpoint(runId, key, step.id(), type.toJson(current), spend(),
                    services.clock().instant()));
        }
        return new Outcome.Accepted<>((O) current, runId);
    }

    private Outcome<Object> runStep(Step<Object, Object> step, Object input, String span) {
        StepContext ctx = StepContext.of(runId, step.id(), span, budget(), services.ledger(), services.trace(),
                services.sleeper(), services.clock(), services.random(), services.checkpoints(), services.approvals());
        try {
            Outcome<Object> o = step.run(input, ctx);
            if (o == null) {
                throw new IllegalStateException("step '" + step.id() + "' returned null");
            }
            if (o instanceof Outcome.Accepted<Object> a && !(step instanceof dev.arbiter.workflow.GovernedStep)) {
                Records.appendPlain(ctx, Decision.ACCEPTED, Json.digest(a.value()), "step completed");
            }
            return o;
        } catch (RuntimeException e) {
            String why = "step '" + step.id() + "' threw " + e;
            Records.appendPlain(ctx, Decision.FAILED, null, why);
            return new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, step.id(), why, spend()));
        }
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
