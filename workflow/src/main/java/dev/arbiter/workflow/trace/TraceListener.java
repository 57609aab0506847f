package dev.arbiter.workflow.trace;

/**
 * Receives the {@link TraceEvent}s of runs: the extension point for logs, spans, metrics and reports.
 *
 * <p>Implementations must be thread-safe and fast (they run on the pipeline's threads) and should not throw:
 * a listener that throws is logged and ignored, it never changes a run.
 */
@FunctionalInterface
public interface TraceListener {

    /** Receives one event; never {@code null}. */
    void on(TraceEvent event);
}
