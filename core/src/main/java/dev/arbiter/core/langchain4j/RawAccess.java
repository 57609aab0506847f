package dev.arbiter.core.langchain4j;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the raw HTTP response and the raw server-sent events that provider modules keep in their response
 * metadata ({@code OpenAiChatResponseMetadata}, {@code AnthropicChatResponseMetadata}, and any other metadata
 * with public {@code rawHttpResponse()} / {@code rawServerSentEvents()} methods). Core does not depend on the
 * provider modules, so the methods are found by name, once per metadata class. Never throws.
 */
final class RawAccess {

    private record Accessors(@Nullable Method httpResponse, @Nullable Method serverSentEvents) {}

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return new Accessors(
                    accessor(type, "rawHttpResponse", SuccessfulHttpResponse.class),
                    accessor(type, "rawServerSentEvents", List.class));
        }
    };

    private RawAccess() {}

    /** Returns the raw HTTP response of a non-streamed call, if the metadata kept one. */
    static Optional<SuccessfulHttpResponse> httpResponse(@Nullable ChatResponseMetadata metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        Object value = invoke(ACCESSORS.get(metadata.getClass()).httpResponse(), metadata);
        return value instanceof SuccessfulHttpResponse response ? Optional.of(response) : Optional.empty();
    }

    /** Returns the raw events of a streamed call, in order, if the metadata kept them. */
    static List<ServerSentEvent> serverSentEvents(@Nullable ChatResponseMetadata metadata) {
        if (metadata == null) {
            return List.of();
        }
        Object value = invoke(ACCESSORS.get(metadata.getClass()).serverSentEvents(), metadata);
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<ServerSentEvent> events = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof ServerSentEvent event) {
                events.add(event);
            }
        }
        return events;
    }

    private static @Nullable Method accessor(Class<?> type, String name, Class<?> returnType) {
        try {
            Method method = type.getMethod(name);
            return returnType.isAssignableFrom(method.getReturnType()) ? method : null;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    private static @Nullable Object invoke(@Nullable Method method, Object target) {
        if (method == null) {
            return null;
        }
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
