package dev.arbiter.workflow;

import java.util.concurrent.CompletableFuture;

/**
 * One step of a {@link Pipeline}: turns an input artifact into an output artifact, or stops the run.
 *
 * <p>The built-in steps are made from this interface: {@link GovernedStep} (the attempt loop around a model),
 * {@link Steps#of deterministic steps} (plain Java) and {@link Steps#fanOut fan-out} over a list. A step is
 * stateless between runs: everything about the current run comes through the {@link StepContext}.
 *
 * <p>Implementations must be thread-safe (a pipeline is reused across runs, and fan-out runs a step
 * concurrently). A step that throws ends the run as {@link Outcome.Failed}; a step should return
 * {@link Outcome.Rejected}, {@link Outcome.Escalated} or {@link Outcome.Failed} instead of throwing.
 *
 * @param <I> the input artifact
 * @param <O> the output artifact
 */
public interface Step<I, O> {

    /** Returns the stable id of this step; provenance records and checkpoints are keyed by it. */
    String id();

    /**
     * Runs the step.
     *
     * @param input the artifact of the previous step (or the run's input); never {@code null}
     * @param context the run this step belongs to; never {@code null}
     * @return the outcome; {@link Outcome.Accepted} passes its value to the next step; never {@code null}
     */
    Outcome<O> run(I input, StepContext context);

    /**
     * Runs the step, completing the returned future with its outcome. {@link Pipeline#runAsync} calls this where the
     * run is, when a step overrides it. The default runs {@link #run} on the calling thread, and a pipeline does not
     * call it: it runs such a step's {@link #run} on its {@link Pipeline.Builder#blockingWork executor for blocking
     * work}, since {@code run} may block. {@link GovernedStep} overrides it so that a generation the {@link
     * dev.arbiter.core.Generator#generateAsync generator} answers asynchronously holds no thread while it is
     * pending. Override it in a step whose own waiting can be done without a thread, and that does not block.
     *
     * @param input the artifact of the previous step (or the run's input); never {@code null}
     * @param context the run this step belongs to; never {@code null}
     * @return the future outcome; completed exceptionally where {@link #run} would have thrown; never {@code null}
     */
    default CompletableFuture<Outcome<O>> runAsync(I input, StepContext context) {
        try {
            return CompletableFuture.completedFuture(run(input, context));
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
