/**
 * Trace events of a run (start/end pairs for runs, steps, attempts, generations, verifications, tool calls
 * and approvals) and the listeners that turn them into logs, spans, metrics and failure reports.
 *
 * <p>Listeners must be fast; a listener that throws is logged and ignored.
 */
@NullMarked
package dev.arbiter.workflow.trace;

import org.jspecify.annotations.NullMarked;
