package dev.arbiter.core.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.internal.Json;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the raw provider response says that langchain4j's mapping loses:
 * <ul>
 *   <li>an OpenAI refusal: {@code choices[0].message.refusal} in a body, or {@code delta.refusal} in stream
 *       chunks (langchain4j ignores these when streaming);</li>
 *   <li>Anthropic's {@code stop_reason} {@code refusal} (langchain4j maps it to OTHER) and
 *       {@code model_context_window_exceeded} (output cut: LENGTH), in a body or a {@code message_delta} event;</li>
 *   <li>an error reported in an OpenAI stream chunk ({@code {"error":{...}}}), which langchain4j skips,
 *       returning whatever came before it as a complete answer.</li>
 * </ul>
 *
 * @param finishReason the finish reason the raw response shows, if it differs from langchain4j's
 * @param refusal the refusal text, if the provider sent one
 * @param errorEvent the data of an error chunk in a stream, if there was one
 */
record RawSignals(@Nullable FinishReason finishReason, @Nullable String refusal, @Nullable String errorEvent) {

    private static final RawSignals NONE = new RawSignals(null, null, null);

    /** Reads the signals from response metadata; never throws. */
    static RawSignals of(@Nullable ChatResponseMetadata metadata) {
        try {
            Optional<String> body = RawAccess.httpResponse(metadata).map(RawSignals::body);
            if (body.isPresent() && !body.get().isBlank()) {
                return fromBody(body.get());
            }
            return fromEvents(RawAccess.serverSentEvents(metadata));
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    private static @Nullable String body(SuccessfulHttpResponse response) {
        return response.bodyBytes() == null ? null : response.body();
    }

    private static RawSignals fromBody(String body) {
        Optional<JsonNode> parsed = Json.tryParse(body);
        if (parsed.isEmpty()) {
            return NONE;
        }
        JsonNode root = parsed.get();
        String refusal = nonBlank(root.path("choices").path(0).path("message").path("refusal"));
        if (refusal != null) {
            return new RawSignals(FinishReason.REFUSAL, refusal, null);
        }
        return new RawSignals(fromStopReason(root.path("stop_reason").asText(null)), null, null);
    }

    private static RawSignals fromEvents(List<ServerSentEvent> events) {
        StringBuilder refusal = new StringBuilder();
        String stopReason = null;
        String error = null;
        for (ServerSentEvent event : events) {
            JsonNode data = event.data() == null ? null : Json.tryParse(event.data()).orElse(null);
            if (data == null || !data.isObject()) {
                continue;
            }
            if (data.path("error").isObject() && error == null) {
                error = event.data();
            }
            JsonNode delta = data.path("choices").path(0).path("delta");
            if (delta.path("refusal").isTextual()) {
                refusal.append(delta.path("refusal").asText());
            }
            if ("message_delta".equals(data.path("type").asText(null))) {
                stopReason = data.path("delta").path("stop_reason").asText(stopReason);
            }
        }
        if (!refusal.toString().isBlank()) {
            return new RawSignals(FinishReason.REFUSAL, refusal.toString(), error);
        }
        return new RawSignals(fromStopReason(stopReason), null, error);
    }

    private static @Nullable FinishReason fromStopReason(@Nullable String stopReason) {
        if ("refusal".equals(stopReason)) {
            return FinishReason.REFUSAL;
        }
        if ("model_context_window_exceeded".equals(stopReason)) {
            return FinishReason.LENGTH;
        }
        return null;
    }

    private static @Nullable String nonBlank(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
