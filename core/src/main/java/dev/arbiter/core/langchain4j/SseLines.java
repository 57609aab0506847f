package dev.arbiter.core.langchain4j;

import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Server-sent events read line by line as the HTTP client pushes them, with no thread waiting for the next line:
 * exactly the events langchain4j's {@link DefaultServerSentEventParser} reads from a blocking stream (an empty line
 * ends an event with data; {@code event:} names it; {@code data:} lines, one leading space dropped, are joined with
 * {@code \n}; other lines are ignored; data left at the end is a last event). The listener is called on the client's
 * threads, one line at a time; a listener that throws is logged and ignored, as langchain4j does. Cancelling through
 * the context's parsing handle stops the events and the body. Not thread-safe: the client calls it serially.
 */
final class SseLines implements Flow.Subscriber<String> {

    private final ServerSentEventListener listener;
    private final ServerSentEventContext context;
    private volatile boolean cancelled;
    private volatile Flow.@Nullable Subscription subscription;
    private @Nullable String event;
    private final StringBuilder data = new StringBuilder();

    SseLines(ServerSentEventListener listener) {
        this.listener = listener;
        this.context = new ServerSentEventContext(new ServerSentEventParsingHandle() {
            @Override
            public void cancel() {
                cancelled = true;
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (cancelled) {
            return;
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith("event:")) {
            event = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
            String content = line.substring("data:".length());
            if (content.startsWith(" ")) {
                content = content.substring(1); // only the one space the standard says to remove
            }
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(content);
        }
    }

    @Override
    public void onError(Throwable failure) {
        ArbiterHttpClient.safely(() -> listener.onError(failure));
    }

    @Override
    public void onComplete() {
        if (!cancelled) {
            dispatch();
        }
    }

    private void dispatch() {
        if (data.isEmpty()) {
            return;
        }
        ServerSentEvent sse = new ServerSentEvent(event, data.toString());
        event = null;
        data.setLength(0);
        ArbiterHttpClient.safely(() -> listener.onEvent(sse, context));
    }
}
