package dev.arbiter.core.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.internal.Json;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's error body says, read from either shape:
 * OpenAI (and Azure, and OpenAI-compatible servers) {@code {"error":{"message","type","param","code",
 * "innererror":{"code"}}}} and Anthropic {@code {"type":"error","error":{"type","message"},"request_id"}}.
 * A body that is not JSON becomes the message (shortened); nothing in a body makes parsing fail.
 *
 * @param type the error type, e.g. {@code rate_limit_error}, {@code invalid_request_error}
 * @param code the error code, e.g. {@code context_length_exceeded}, {@code insufficient_quota}
 * @param innerCode Azure's {@code innererror.code}, e.g. {@code ResponsibleAIPolicyViolation}
 * @param message the provider's message
 * @param requestId the request id carried in the body (Anthropic)
 */
record ErrorBody(
        @Nullable String type,
        @Nullable String code,
        @Nullable String innerCode,
        @Nullable String message,
        @Nullable String requestId) {

    static final ErrorBody EMPTY = new ErrorBody(null, null, null, null, null);

    /** The longest non-JSON body kept as a message. */
    private static final int MAX_TEXT = 500;

    /** Reads an error body; never throws. */
    static ErrorBody parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return EMPTY;
        }
        Optional<JsonNode> json = Json.tryParse(body);
        if (json.isEmpty()) {
            return new ErrorBody(null, null, null, shorten(body.strip()), null);
        }
        return fromJson(json.get());
    }

    /** Reads an error body only if the text is a JSON object or array holding an error; never throws. */
    static Optional<ErrorBody> parseJson(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        String stripped = text.strip();
        if (!(stripped.startsWith("{") || stripped.startsWith("["))) {
            return Optional.empty();
        }
        Optional<JsonNode> json = Json.tryParse(stripped);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        ErrorBody body = fromJson(json.get());
        return body.equals(EMPTY) ? Optional.empty() : Optional.of(body);
    }

    private static ErrorBody fromJson(JsonNode root) {
        if (root.isArray() && root.size() > 0) {
            root = root.get(0);
        }
        if (!root.isObject()) {
            return EMPTY;
        }
        JsonNode error = root.get("error");
        String requestId = text(root.get("request_id"));
        if (error != null && error.isObject()) {
            return new ErrorBody(
                    text(error.get("type")),
                    text(error.get("code")),
                    text(error.path("innererror").get("code")),
                    text(error.get("message")),
                    requestId);
        }
        if (error != null && error.isTextual()) {
            return new ErrorBody(null, null, null, error.asText(), requestId);
        }
        return new ErrorBody(null, text(root.get("code")), null, text(root.get("message")), requestId);
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
