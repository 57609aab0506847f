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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Runs a step over each element of a list with a concurrency bound. {@link #run} runs the elements with {@link
 * Step#run} on threads of its own; {@link #runAsync} starts them with {@link Step#runAsync} and holds no thread while
 * they are pending. Immutable and thread-safe.
 */
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

    /**
     * As {@link #run}, holding no thread: at most {@code concurrency} elements are pending at once, each started with
     * {@link Step#runAsync} as an earlier one completes (on the thread that completed it); an element step that
     * implements only {@link Step#run} runs on the context's {@link StepContext#blockingWork() executor for blocking
     * work}. The outcome is {@link
     * #run}'s: the list in input order, or the first element's outcome in input order that is not accepted. Once that
     * outcome is known no further element starts, and the step completes when the elements already started have.
     */
    @Override
    public CompletableFuture<Outcome<List<O>>> runAsync(List<I> input, StepContext context) {
        if (input.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome.Accepted<>(List.of(), context.runId()));
        }
        return new Elements(input, context).start();
    }

    private Outcome<O> runElement(I element, String childId, StepContext parent) {
        String span = parent.newSpanId();
        StepContext ctx = parent.nested(childId, span);
        parent.emit(new TraceEvent.StepStarted(parent.scope(span), childId));
        Outcome<O> o;
        try {
            o = each.run(element, ctx);
        } catch (RuntimeException e) {
            o = threw(childId, e, parent);
        }
        return ended(o, childId, span, parent);
    }

    private Outcome<O> threw(String childId, Throwable e, StepContext parent) {
        return new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, childId, "step threw " + e,
                parent.budget().spend()));
    }

    private Outcome<O> ended(Outcome<O> o, String childId, String span, StepContext parent) {
        parent.emit(new TraceEvent.StepEnded(parent.scope(span), childId, Outcomes.kind(o), Outcomes.mode(o), false));
        return o;
    }

    /**
     * One asynchronous fan-out. Elements complete on any thread; whichever completes one calls {@link #drain}, and
     * one thread at a time (the one that finds {@link #wip} at zero) starts the next elements and decides, in a loop,
     * so that elements completing at once neither race nor deepen the stack.
     */
    private final class Elements {
        private final List<I> input;
        private final StepContext context;
        private final AtomicReferenceArray<Outcome<O>> outcomes;
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger wip = new AtomicInteger();
        private final CompletableFuture<Outcome<List<O>>> result = new CompletableFuture<>();
        /** Read and written by the draining thread only. */
        private int started;
        private int firstUnsettled;
        private @Nullable Outcome<O> decisive;

        Elements(List<I> input, StepContext context) {
            this.input = input;
            this.context = context;
            this.outcomes = new AtomicReferenceArray<>(input.size());
        }

        CompletableFuture<Outcome<List<O>>> start() {
            drain();
            return result;
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return; // the draining thread will loop again
            }
            do {
                try {
                    step();
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            } while (wip.decrementAndGet() != 0);
        }

        /** Settles the outcomes in order, starts what the bound allows, and completes once nothing is pending. */
        private void step() {
            settle();
            while (decisive == null && started < input.size() && started - completed.get() < concurrency) {
                int index = started++;
                launch(index);
            }
            settle(); // elements launched above may have completed already
            if (started == completed.get() && (decisive != null || started == input.size()) && !result.isDone()) {
                result.complete(decisive != null ? decisive.map(x -> List.<O>of()) : accepted());
            }
        }

        /** Goes past the accepted outcomes in input order; the first other one found decides. */
        private void settle() {
            while (decisive == null && firstUnsettled < input.size() && outcomes.get(firstUnsettled) != null) {
                Outcome<O> o = outcomes.get(firstUnsettled);
                if (o instanceof Outcome.Accepted) {
                    firstUnsettled++;
                } else {
                    decisive = o;
                }
            }
        }

        private Outcome<List<O>> accepted() {
            List<O> values = new ArrayList<>(input.size());
            for (int i = 0; i < input.size(); i++) {
                values.add(((Outcome.Accepted<O>) outcomes.get(i)).value());
            }
            return new Outcome.Accepted<>(List.copyOf(values), context.runId());
        }

        private void launch(int index) {
            String childId = id + "[" + index + "]";
            String span = context.newSpanId();
            StepContext ctx = context.nested(childId, span);
            context.emit(new TraceEvent.StepStarted(context.scope(span), childId));
            BlockingSteps.runAsync(each, input.get(index), ctx).handle((o, e) -> {
                Outcome<O> outcome = e != null ? threw(childId, Futures.cause(e), context)
                        : o != null ? o : threw(childId, new NullPointerException("the step returned no outcome"),
                                context);
                outcomes.set(index, ended(outcome, childId, span, context));
                completed.incrementAndGet();
                drain();
                return null;
            });
        }
    }

    private Outcome<List<O>> failed(StepContext context, String why) {
        return new Outcome.Failed<>(new Failure(FailureMode.VERIFIER_ERROR, id, "fan-out " + why,
                context.budget().spend()));
    }
}
