package dev.arbiter.core.langchain4j;

import dev.arbiter.core.ProviderDetail;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What can be read from a failed provider call: the cause chain, the HTTP status, headers and error body (or,
 * for an error reported inside a stream, the error type and message), the request id and the Retry-After.
 */
final class FailureFacts {

    private static final int MAX_CHAIN = 32;
    private static final Pattern REQUEST_ID_IN_MESSAGE = Pattern.compile("(?i)request id ([A-Za-z0-9_-]{6,})");

    /** The public {@code String type()} of a langchain4j exception (Anthropic's stream errors), if it has one. */
    private static final ClassValue<Optional<Method>> TYPE_ACCESSOR = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("type");
                return method.getReturnType() == String.class && Modifier.isPublic(type.getModifiers())
                        ? Optional.of(method)
                        : Optional.empty();
            } catch (NoSuchMethodException | SecurityException e) {
                return Optional.empty();
            }
        }
    };

    private final List<Throwable> chain;
    private final int status;
    private final Map<String, List<String>> headers;
    private final ErrorBody body;
    private final boolean reportedInStream;
    private final @Nullable String requestId;
    private final @Nullable Duration retryAfter;

    private FailureFacts(
            List<Throwable> chain, int status, Map<String, List<String>> headers, ErrorBody body, boolean inStream,
            Clock clock) {
        this.chain = chain;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.reportedInStream = inStream;
        this.requestId = requestId(headers, body);
        this.retryAfter = RetryAfter.from(headers, body.message(), clock);
    }

    /** Reads the facts of a failure; never throws for anything a provider sent. */
    static FailureFacts of(Throwable failure, Clock clock) {
        List<Throwable> chain = causes(failure);
        for (Throwable t : chain) {
            if (t instanceof HttpException http) {
                Map<String, List<String>> headers = http instanceof ProviderHttpException withHeaders
                        ? withHeaders.headers()
                        : Map.of();
                return new FailureFacts(
                        chain, http.statusCode(), headers, ErrorBody.parse(http.getMessage()), false, clock);
            }
        }
        for (Throwable t : chain) {
            Optional<ErrorBody> reported = reportedError(t);
            if (reported.isPresent()) {
                return new FailureFacts(chain, 0, Map.of(), reported.get(), true, clock);
            }
        }
        return new FailureFacts(chain, 0, Map.of(), ErrorBody.EMPTY, false, clock);
    }

    /** An error the provider reported without a status: a typed stream error, or a JSON error body as message. */
    private static Optional<ErrorBody> reportedError(Throwable t) {
        if (t instanceof LangChain4jException && !(t instanceof ProviderHttpException)) {
            Optional<Method> typeAccessor = TYPE_ACCESSOR.get(t.getClass());
            if (typeAccessor.isPresent()) {
                try {
                    Object type = typeAccessor.get().invoke(t);
                    if (type instanceof String typeName && !typeName.isBlank()) {
                        return Optional.of(new ErrorBody(typeName, null, null, t.getMessage(), null));
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not readable: fall through to the message
                }
            }
        }
        return ErrorBody.parseJson(t.getMessage());
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static @Nullable String requestId(Map<String, List<String>> headers, ErrorBody body) {
        for (String name : List.of("x-request-id", "request-id")) {
            List<String> values = headers.get(name);
            if (values != null && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                return values.get(0);
            }
        }
        if (body.requestId() != null) {
            return body.requestId();
        }
        if (body.message() != null) {
            Matcher m = REQUEST_ID_IN_MESSAGE.matcher(body.message());
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The HTTP status, or 0 when there was no HTTP response. */
    int status() {
        return status;
    }

    /** Whether the provider reported the error inside a stream (no status, but a type or an error body). */
    boolean reportedInStream() {
        return reportedInStream;
    }

    ErrorBody body() {
        return body;
    }

    @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** Whether any throwable in the cause chain is of the type. */
    boolean has(Class<?> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any throwable in the cause chain has a class whose name starts with the prefix. */
    boolean hasClassNamed(String prefix) {
        for (Throwable t : chain) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost throwable of the chain. */
    Throwable root() {
        return chain.get(chain.size() - 1);
    }

    /** Returns what the provider said, or {@link ProviderDetail#NONE} when it said nothing. */
    ProviderDetail detail() {
        if (status == 0 && body.equals(ErrorBody.EMPTY) && requestId == null && retryAfter == null) {
            return ProviderDetail.NONE;
        }
        return ProviderDetail.builder()
                .httpStatus(Math.max(0, status))
                .errorType(body.type())
                .errorCode(body.code())
                .message(body.message())
                .requestId(requestId)
                .retryAfter(retryAfter)
                .build();
    }
}
