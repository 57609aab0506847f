package dev.arbiter.workflow;

import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.ToolCall;
import dev.arbiter.workflow.internal.FanOutStep;
import dev.arbiter.workflow.internal.Futures;
import dev.arbiter.workflow.internal.ToolStep;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Factories of the built-in non-model steps: a deterministic step of plain Java, and fan-out over a list.
 *
 * <p>The returned steps are immutable and thread-safe when the given functions and steps are.
 */
public final class Steps {

    private Steps() {}

    /**
     * Returns a deterministic step: {@code function} maps the input; its result is accepted as is. A function
     * that throws fails the run, naming the step. The function may block: {@link Pipeline#runAsync} runs it on the
     * pipeline's {@link Pipeline.Builder#blockingWork executor for blocking work}, not on the thread the run is on.
     * A function that neither blocks nor waits can be given to {@link #ofAsync} instead, answering with a completed
     * future, and then runs where the run is.
     */
    public static <I, O> Step<I, O> of(String id, Function<? super I, ? extends O> function) {
        Objects.requireNonNull(function, "function");
        return new Deterministic<>(id) { // runAsync is the default: a pipeline runs it on its blocking work's executor
            @Override
            public Outcome<O> run(I input, StepContext context) {
                return accepted(function.apply(input), context);
            }
        };
    }

    /**
     * Returns a deterministic step whose function answers with a future: its value is accepted as is. {@link
     * Pipeline#runAsync} calls the function on the thread the run is on and holds no thread while the future is
     * pending, so the function must not block; {@link Pipeline#run} waits for the future. A function that throws, a
     * future that fails, and a {@code null} future or value fail the run, naming the step.
     */
    public static <I, O> Step<I, O> ofAsync(String id,
            Function<? super I, ? extends CompletionStage<? extends O>> function) {
        Objects.requireNonNull(function, "function");
        return new Deterministic<>(id) {
            @Override
            public Outcome<O> run(I input, StepContext context) {
                return Futures.join(runAsync(input, context));
            }

            @Override
            public CompletableFuture<Outcome<O>> runAsync(I input, StepContext context) {
                CompletionStage<? extends O> stage = function.apply(input);
                if (stage == null) {
                    throw new IllegalStateException("deterministic step '" + id() + "' returned no future");
                }
                return stage.toCompletableFuture().thenApply(value -> accepted(value, context));
            }
        };
    }

    /** A step of plain Java: its id, and its value accepted as is. */
    private abstract static class Deterministic<I, O> implements Step<I, O> {
        private final String id;

        Deterministic(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        @Override
        public String id() {
            return id;
        }

        Outcome<O> accepted(@Nullable O value, StepContext context) {
            if (value == null) {
                throw new IllegalStateException("deterministic step '" + id + "' returned null");
            }
            return new Outcome.Accepted<>(value, context.runId());
        }

        @Override
        public String toString() {
            return "Step[" + id + "]";
        }
    }

    /**
     * Returns a tool step: {@code call} makes one tool call from the input, the {@link ToolGateway} decides and
     * runs it, deciding with {@code evidence} (the material whose values the call may use). Executed: accepted with
     * the tool's output. Denied: rejected with the denial. Needs approval: escalated with the approval's id; run the
     * pipeline again with the same run id after the approval is decided. Tool failure: failed.
     */
    public static <I> Step<I, String> tool(String id, ToolGateway gateway, Function<? super I, ToolCall> call,
            Function<? super I, Evidence> evidence) {
        return new ToolStep<>(id, gateway, call, evidence);
    }

    /**
     * Returns a step that runs {@code each} on every element of its input list, at most {@code concurrency} at a
     * time, and accepts the list of results in input order. When any element is not accepted, the first such
     * outcome (in input order) is the step's outcome. Elements run as nested steps {@code id[0]}, {@code id[1]}…
     * sharing the run's budget.
     */
    public static <I, O> Step<List<I>, List<O>> fanOut(String id, Step<I, O> each, int concurrency) {
        return new FanOutStep<>(id, each, concurrency);
    }
}
