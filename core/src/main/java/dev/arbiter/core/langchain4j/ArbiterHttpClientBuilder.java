package dev.arbiter.core.langchain4j;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Builds a langchain4j {@link HttpClient} on {@code java.net.http} that keeps what a failed response said: a
 * non-2xx response is thrown as a {@link ProviderHttpException} carrying the status, the body and the headers.
 * langchain4j's own clients throw a plain {@code HttpException} without headers, so without this client
 * {@code Retry-After}, {@code retry-after-ms} and the request ids ({@code x-request-id}, {@code request-id})
 * cannot be read and the workflow backs off blindly.
 *
 * <p>Pass it to any langchain4j model builder, and build the model with {@code maxRetries(0)} so that retries
 * are Arbiter's (the workflow honours Retry-After and the budget; langchain4j's retry loop honours neither):
 *
 * <pre>{@code
 * ChatModel model = AnthropicChatModel.builder()
 *         .apiKey(key)
 *         .modelName("claude-sonnet-4-5")
 *         .maxRetries(0)
 *         .httpClientBuilder(new ArbiterHttpClientBuilder())
 *         .build();
 * }</pre>
 *
 * <p>The client supports JSON requests and server-sent-event streams, which is what chat models use;
 * multipart form data (audio uploads) is not supported. A streamed response that breaks off is reported to the
 * listener's {@code onError} only, never also as a normal close, so a cut stream is not taken for a complete
 * answer.
 *
 * <p>The model builder sets the timeouts; {@code null} means the JDK default (none). The builder is not
 * thread-safe; the client it builds is.
 */
public final class ArbiterHttpClientBuilder implements HttpClientBuilder {

    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;

    /** Creates a builder with no timeouts set. */
    public ArbiterHttpClientBuilder() {}

    @Override
    public @Nullable Duration connectTimeout() {
        return connectTimeout;
    }

    /** Sets how long connecting may take; {@code null} for the JDK default. */
    @Override
    public ArbiterHttpClientBuilder connectTimeout(@Nullable Duration timeout) {
        this.connectTimeout = positiveOrNull(timeout, "connectTimeout");
        return this;
    }

    @Override
    public @Nullable Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Sets how long a request may take until the response (for a stream: its headers) arrives; {@code null}
     * for none.
     */
    @Override
    public ArbiterHttpClientBuilder readTimeout(@Nullable Duration timeout) {
        this.readTimeout = positiveOrNull(timeout, "readTimeout");
        return this;
    }

    /** Returns a new client with the timeouts set now. */
    @Override
    public HttpClient build() {
        return new ArbiterHttpClient(connectTimeout, readTimeout);
    }

    private static @Nullable Duration positiveOrNull(@Nullable Duration timeout, String name) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + timeout);
        }
        return timeout;
    }
}
