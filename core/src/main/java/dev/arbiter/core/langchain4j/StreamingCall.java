package dev.arbiter.core.langchain4j;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ProviderDetail;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One call to a {@link StreamingChatModel}, as a future ({@link #start}) or waited for ({@link #chat}): it ends when
 * the stream completes, fails, or the timeout passes. The first outcome wins (langchain4j may report an error and
 * then complete the same stream).
 */
final class StreamingCall implements StreamingChatResponseHandler {

    private final CompletableFuture<ChatResponse> outcome = new CompletableFuture<>();
    private volatile @Nullable StreamingHandle handle;

    /** Fails streams that outlast their timeout; one daemon thread for the whole JVM. */
    private static final ScheduledThreadPoolExecutor TIMEOUTS = timeouts();

    private StreamingCall() {}

    private static ScheduledThreadPoolExecutor timeouts() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "arbiter-stream-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a stream that completes takes its timeout out of the queue
        return timer;
    }

    /**
     * Streams the request without waiting: the future completes with the complete response, with what the model
     * reported through {@code onError} (or threw), or with {@link FailureMode#PROVIDER_UNAVAILABLE} once the
     * timeout passes (the stream is then cancelled where langchain4j allows it). The first outcome wins.
     */
    static CompletableFuture<ChatResponse> start(StreamingChatModel model, ChatRequest request, Duration timeout) {
        return begin(model, request, timeout).outcome;
    }

    /**
     * Streams the request and returns the complete response, waiting on this thread for {@link #start}'s outcome.
     *
     * @throws ArbiterException {@link FailureMode#PROVIDER_UNAVAILABLE} if the stream does not complete in time
     * @throws RuntimeException what the model reported through {@code onError}, or threw
     */
    static ChatResponse chat(StreamingChatModel model, ChatRequest request, Duration timeout) {
        return begin(model, request, timeout).await();
    }

    private static StreamingCall begin(StreamingChatModel model, ChatRequest request, Duration timeout) {
        StreamingCall call = new StreamingCall();
        ScheduledFuture<?> deadline = TIMEOUTS.schedule(() -> {
            if (call.outcome.completeExceptionally(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE,
                    "the provider's stream did not complete within " + timeout, ProviderDetail.NONE,
                    new TimeoutException()))) {
                call.cancel();
            }
        }, TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
        call.outcome.whenComplete((response, failure) -> deadline.cancel(false));
        try {
            model.chat(request, call);
        } catch (RuntimeException e) {
            call.outcome.completeExceptionally(e);
        }
        return call;
    }

    private ChatResponse await() {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CompletionException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new CompletionException("interrupted while waiting for the provider's stream", e);
        }
    }

    private void cancel() {
        StreamingHandle h = handle;
        if (h != null) {
            try {
                h.cancel();
            } catch (RuntimeException ignored) {
                // cancelling is best effort: the stream may not support it
            }
        }
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        handle = context.streamingHandle();
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        handle = context.streamingHandle();
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        handle = context.streamingHandle();
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        outcome.complete(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        outcome.completeExceptionally(error == null ? new IllegalStateException("stream failed without a cause") : error);
    }
}
