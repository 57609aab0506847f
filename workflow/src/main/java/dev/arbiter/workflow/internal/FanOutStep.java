package dev.arbiter.workflow.internal;

import dev.arbiter.core.FailureMode;
import dev.arbiter.workflow.Failure;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Step;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a step over each element of a list with a concurrency bound. Immutable and thread-safe. */
public final class FanOutStep<I, O> implements Step<List<I>, List<O>> {

    private final String id;
    private final Step<I, O> each;
    private final int concurrency;

    public FanOutStep(String id, Step<I, O> each, int concurrency) {
        this.id = Objects.requireNonNull(id, "id");
        this.each = Objects.requireNonNull(each, "each");
        if (concurrency <= 0) {
            throw new IllegalArgumentException("fan-out '" + id + "' needs a concurrency >= 1, was " + concurrency);
        }
        this.concurrency = concurrency;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Outcome<List<O>> run(List<I> input, StepContext context) {
        if (input.isEmpty()) {
            return new Outcome.Accepted<>(List.of(), context.runId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, input.size()));
        try {
            List<Future<Outcome<O>>> futures = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                I element = input.get(i);
                String childId = id + "[" + i + "]";
                futures.add(pool.submit(() -> runElement(element, childId, context)));
            }
            List<O> values = new ArrayList<>();
            for (Future<Outcome<O>> f : futures) {
                Outcome<O> o = f.get();
                if (!(o instanceof Outcome.Accepted<O> accepted)) {
                    futures.forEach(rest -> rest.cancel(true));
                    return o.map(x -> List.<O>of());
                }
                values.add(accepted.value());
            }
            return new Outcome.Accepted<>(List.copyOf(values), context.runId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(context, "interrupted");
        } catch (ExecutionException e) {
            return failed(context, "element step threw " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome<O> runElement(I element, String childId, StepContext parent) {
        String span = parent.newSpanId();
        StepContext ctx = parent.nested(childId, span);
        parent.emit(new TraceEvent.StepStarted(parent.scope(span), childId));
        Outcome<O> o;
        try {
            o = each.run(element, ctx);
        } catch (RuntimeException e) {
            o = new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, childId,
                    "step threw " + e, parent.budget().spend()));
        }
        parent.emit(new TraceEvent.StepEnded(parent.scope(span), childId, Outcomes.kind(o), Outcomes.mode(o), false));
        return o;
    }

    private Outcome<List<O>> failed(StepContext context, String why) {
        return new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, id, "fan-out " + why,
                context.budget().spend()));
    }
}
