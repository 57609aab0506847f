package dev.arbiter.workflow.internal;

import dev.arbiter.workflow.trace.TraceEvent;
import dev.arbiter.workflow.trace.TraceListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each event to every listener; a listener that throws is logged and ignored. Thread-safe. */
public final class SafeListener implements TraceListener {

    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final List<TraceListener> listeners;

    public SafeListener(List<TraceListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void on(TraceEvent event) {
        for (TraceListener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.warn("trace listener {} threw on {}; ignored", l.getClass().getName(),
                        event.getClass().getSimpleName(), e);
            }
        }
    }
}
