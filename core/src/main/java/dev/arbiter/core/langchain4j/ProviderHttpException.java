package dev.arbiter.core.langchain4j;

import dev.langchain4j.exception.HttpException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A langchain4j {@link HttpException} (a non-2xx response) that also carries the response headers, so that
 * {@code Retry-After}, {@code retry-after-ms} and request ids ({@code x-request-id}, {@code request-id}) can be
 * read. Thrown by the client that {@link ArbiterHttpClientBuilder} builds; langchain4j wraps it (e.g. in a
 * {@code RateLimitException}) and {@link ProviderFailures#classify} finds it in the cause chain.
 *
 * <p>The message is the response body, as with {@link HttpException}. Immutable and thread-safe; header names
 * are case-insensitive.
 */
public class ProviderHttpException extends HttpException {

    private final Map<String, List<String>> headers;

    /**
     * Creates the exception.
     *
     * @param statusCode the HTTP status
     * @param body the response body (the message); {@code null} when there was none
     * @param headers the response headers; {@code null} entries are left out
     */
    public ProviderHttpException(int statusCode, @Nullable String body, Map<String, List<String>> headers) {
        super(statusCode, body == null ? "" : body);
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.put(name, values.stream().filter(Objects::nonNull).toList());
            }
        });
        this.headers = Collections.unmodifiableMap(copy);
    }

    /** Returns the response headers; lookups ignore case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Returns the first value of the header with the given name (ignoring case), if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
