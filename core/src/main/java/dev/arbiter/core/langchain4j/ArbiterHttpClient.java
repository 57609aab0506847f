package dev.arbiter.core.langchain4j;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client {@link ArbiterHttpClientBuilder} builds. Thread-safe. */
final class ArbiterHttpClient implements HttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(ArbiterHttpClient.class);

    private final java.net.http.HttpClient delegate;
    private final @Nullable Duration readTimeout;

    ArbiterHttpClient(@Nullable Duration connectTimeout, @Nullable Duration readTimeout) {
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder();
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        this.delegate = builder.build();
        this.readTimeout = readTimeout;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = delegate.send(toJdkRequest(request), BodyHandlers.ofByteArray());
            if (!isSuccessful(response)) {
                throw new ProviderHttpException(response.statusCode(),
                        new String(response.body(), StandardCharsets.UTF_8), response.headers().map());
            }
            return toSuccessful(response, response.body());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.url(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        java.net.http.HttpRequest jdkRequest;
        try {
            jdkRequest = toJdkRequest(request);
        } catch (RuntimeException e) {
            safely(() -> listener.onError(e));
            return;
        }
        if (parser.getClass() == DefaultServerSentEventParser.class) {
            streamPushed(jdkRequest, listener);
            return;
        }
        delegate.sendAsync(jdkRequest, BodyHandlers.ofInputStream()).whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                safely(() -> listener.onError(cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause));
            } else {
                stream(response, parser, listener);
            }
        });
    }

    /**
     * Streams with langchain4j's default parser, read as the client pushes lines ({@link SseLines}): the same events
     * in the same order, and no thread blocked on the body between two lines. A response that is not a success is
     * read whole and reported as a {@link ProviderHttpException}, as on the blocking path.
     */
    private void streamPushed(java.net.http.HttpRequest jdkRequest, ServerSentEventListener listener) {
        ErrorTrackingListener tracking = new ErrorTrackingListener(listener);
        BodyHandler<byte @Nullable []> handler = info -> {
            if (!isSuccessful(info.statusCode())) {
                return BodySubscribers.ofByteArray();
            }
            safely(() -> listener.onOpen(SuccessfulHttpResponse.builder().statusCode(info.statusCode())
                    .headers(info.headers().map()).build()));
            return BodySubscribers.mapping(BodySubscribers.fromLineSubscriber(new SseLines(tracking), lines -> null,
                    StandardCharsets.UTF_8, null), none -> null);
        };
        delegate.sendAsync(jdkRequest, handler).whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                tracking.onError(cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause);
            } else if (!isSuccessful(response)) {
                byte[] body = response.body();
                ProviderHttpException error = new ProviderHttpException(response.statusCode(),
                        body == null ? "" : new String(body, StandardCharsets.UTF_8), response.headers().map());
                tracking.onError(error);
            } else if (!tracking.failed) {
                safely(listener::onClose);
            }
        });
    }

    private static void stream(
            HttpResponse<InputStream> response, ServerSentEventParser parser, ServerSentEventListener listener) {
        if (!isSuccessful(response)) {
            ProviderHttpException error = new ProviderHttpException(
                    response.statusCode(), readBody(response), response.headers().map());
            safely(() -> listener.onError(error));
            return;
        }
        safely(() -> listener.onOpen(toSuccessful(response, null)));
        ErrorTrackingListener tracking = new ErrorTrackingListener(listener);
        try (InputStream body = response.body()) {
            parser.parse(body, tracking);
        } catch (IOException | RuntimeException e) {
            tracking.onError(e);
        }
        if (!tracking.failed) {
            safely(listener::onClose);
        }
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("multipart form data is not supported by the Arbiter HTTP client; "
                    + "use langchain4j-http-client-jdk for uploads");
        }
        java.net.http.HttpRequest.Builder builder =
                java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.method(request.method().name(), request.body() == null
                ? BodyPublishers.noBody()
                : BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }

    private static SuccessfulHttpResponse toSuccessful(HttpResponse<?> response, byte @Nullable [] body) {
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(body)
                .build();
    }

    private static boolean isSuccessful(HttpResponse<?> response) {
        return isSuccessful(response.statusCode());
    }

    private static boolean isSuccessful(int statusCode) {
        return statusCode >= 200 && statusCode < 300;
    }

    private static String readBody(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The cause a future failed with, unwrapped from {@code CompletionException}s and {@code ExecutionException}s. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Calls a listener method; a listener that throws is logged and ignored, as langchain4j does. */
    static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a server-sent-event listener threw; ignored", e);
        }
    }

    /** Passes everything on and remembers whether the stream failed, so that a failed stream is not closed. */
    private static final class ErrorTrackingListener implements ServerSentEventListener {
        private final ServerSentEventListener delegate;
        private volatile boolean failed;

        ErrorTrackingListener(ServerSentEventListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            delegate.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            delegate.onEvent(event, context);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            delegate.onEvent(event);
        }

        @Override
        public void onError(Throwable throwable) {
            if (!failed) {
                failed = true;
                safely(() -> delegate.onError(throwable));
            }
        }

        @Override
        public void onClose() {
            delegate.onClose();
        }
    }
}
