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
 *       returning whatever came before it as a complete answer;</li>
 *   <li>an OpenAI stream of several choices: langchain4j appends every chunk's first choice whatever its
 *       index, interleaving the choices into one text; the text of choice 0 is rebuilt from the events;</li>
 *   <li>whether a stream ended with any finish reason at all (a stream cut off before its end has none).</li>
 * </ul>
 *
 * @param finishReason the finish reason the raw response shows, if it differs from langchain4j's
 * @param refusal the refusal text, if the provider sent one
 * @param errorEvent the data of an error chunk in a stream, if there was one
 * @param firstChoiceText the text of choice 0 when a stream carried several choices, else null
 * @param streamEnded false when the raw events of a stream show no finish or stop reason at all
 */
record RawSignals(
        @Nullable FinishReason finishReason,
        @Nullable String refusal,
        @Nullable String errorEvent,
        @Nullable String firstChoiceText,
        boolean streamEnded) {

    private static final RawSignals NONE = new RawSignals(null, null, null, null, true);

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
            return new RawSignals(FinishReason.REFUSAL, refusal, null, null, true);
        }
        return new RawSignals(fromStopReason(root.path("stop_reason").asText(null)), null, null, null, true);
    }

    private static RawSignals fromEvents(List<ServerSentEvent> events) {
        if (events.isEmpty()) {
            return NONE;
        }
        StreamScan scan = new StreamScan();
        for (ServerSentEvent event : events) {
            JsonNode data = event.data() == null ? null : Json.tryParse(event.data()).orElse(null);
            if (data != null && data.isObject()) {
                scan.add(event.data(), data);
            }
        }
        String firstChoice = scan.severalChoices ? scan.firstChoice.toString() : null;
        if (!scan.refusal.toString().isBlank()) {
            return new RawSignals(FinishReason.REFUSAL, scan.refusal.toString(), scan.error, firstChoice, true);
        }
        return new RawSignals(fromStopReason(scan.stopReason), null, scan.error, firstChoice, scan.ended);
    }

    /** What a pass over the events of one stream found. */
    private static final class StreamScan {
        final StringBuilder refusal = new StringBuilder();
        final StringBuilder firstChoice = new StringBuilder();
        @Nullable String stopReason;
        @Nullable String error;
        boolean severalChoices;
        boolean ended;

        void add(String raw, JsonNode data) {
            if (data.path("error").isObject() && error == null) {
                error = raw;
            }
            for (JsonNode choice : data.path("choices")) {
                JsonNode delta = choice.path("delta");
                if (choice.path("index").asInt(0) != 0) {
                    severalChoices = true;
                    continue;
                }
                if (delta.path("refusal").isTextual()) {
                    refusal.append(delta.path("refusal").asText());
                }
                if (delta.path("content").isTextual()) {
                    firstChoice.append(delta.path("content").asText());
                }
                ended |= choice.path("finish_reason").isTextual();
            }
            String type = data.path("type").asText("");
            if (type.equals("message_delta")) {
                stopReason = data.path("delta").path("stop_reason").asText(stopReason);
            }
            // Anthropic ends with message_stop, the Responses API with response.completed or .incomplete.
            ended |= type.equals("message_stop") || type.equals("message_delta")
                    || type.equals("response.completed") || type.equals("response.incomplete")
                    || type.equals("response.failed");
        }
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
