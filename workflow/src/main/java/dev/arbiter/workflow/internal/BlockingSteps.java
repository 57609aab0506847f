package dev.arbiter.workflow.internal;

import dev.arbiter.core.BlockingWork;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Sleeper;
import dev.arbiter.workflow.Step;
import dev.arbiter.workflow.StepContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Steps that may block, and where an asynchronous run runs them. A step may block when its {@link Step#runAsync} is
 * the interface's default, which runs {@link Step#run} on the calling thread: deterministic steps made with
 * {@link dev.arbiter.workflow.Steps#of}, and steps of an application's own that implement only {@code run}. In an
 * asynchronous run that thread is whichever completed the step before (a provider's client thread, a timer's, the
 * ledger's force thread), and a step blocking it holds up every run that thread serves.
 */
public final class BlockingSteps {

    private static final Predicate<Object> BLOCKS = BlockingWork.keepsDefault(Step.class, "runAsync", Object.class,
            StepContext.class);

    private static final Predicate<Object> SLEEPS_WHERE_CALLED = BlockingWork.keepsDefault(Sleeper.class,
            "sleepAsync", Duration.class);

    private static final Executor SHARED = BlockingWork.executor("arbiter-blocking-");

    private BlockingSteps() {}

    /** Whether the step's {@link Step#runAsync} is the default, which runs {@link Step#run} where it is called. */
    public static boolean blocks(Step<?, ?> step) {
        return BLOCKS.test(step);
    }

    /**
     * The default executor for blocking work of asynchronous runs, threads {@code arbiter-blocking-N}: a virtual
     * thread per task on Java 24 or later, otherwise a pool of daemon threads ({@link BlockingWork#executor}).
     */
    public static Executor shared() {
        return SHARED;
    }

    /**
     * Starts {@code step} asynchronously: a step that {@link #blocks} runs {@link Step#run} on the context's {@link
     * StepContext#blockingWork() executor for blocking work}; any other is asked for its own future on this thread.
     * What the step throws, or an executor that refuses the task, completes the future exceptionally.
     */
    public static <I, O> CompletableFuture<Outcome<O>> runAsync(Step<I, O> step, I input, StepContext ctx) {
        if (!blocks(step)) {
            return Futures.call(() -> step.runAsync(input, ctx));
        }
        return supply(ctx, () -> step.run(input, ctx));
    }

    /**
     * Runs {@code work}, which may block, on the context's {@link StepContext#blockingWork() executor for blocking
     * work}; an executor that refuses it fails the future.
     */
    public static <T> CompletableFuture<T> supply(StepContext ctx, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, ctx.blockingWork());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Waits {@code wait} through the context's sleeper without blocking this thread: a sleeper whose {@link
     * Sleeper#sleepAsync} is the interface's default (which calls {@link Sleeper#sleep} where it is called, as a
     * sleeper written as a lambda does) is called on the context's executor for blocking work; any other is asked for
     * its own future here.
     */
    public static CompletableFuture<Void> sleepAsync(StepContext ctx, Duration wait) {
        Sleeper sleeper = ctx.sleeper();
        if (!SLEEPS_WHERE_CALLED.test(sleeper)) {
            return sleeper.sleepAsync(wait);
        }
        return supply(ctx, () -> sleeper.sleepAsync(wait)).thenCompose(done -> done);
    }
}
