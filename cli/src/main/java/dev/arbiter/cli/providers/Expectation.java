package dev.arbiter.cli.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What replaying a record should produce, derived only from the record's tags, HTTP status and error type,
 * by the provider-mapping rules of {@code LangChain4jGenerator}:
 *
 * <ul>
 *   <li>{@code insufficient_quota} (any status), 400, 401, 403, 404 and other 4xx: PROVIDER_REJECTED;
 *   <li>{@code context_length_exceeded}, or an Anthropic 400 saying the prompt exceeds the context: CONTEXT_OVERFLOW;
 *   <li>a {@code content_filter} error code or finish reason: CONTENT_FILTERED;
 *   <li>429, 5xx, 529, and bodies that are neither a JSON document nor a well-formed event stream (every
 *       {@code data:} payload JSON or {@code [DONE]}): PROVIDER_UNAVAILABLE;
 *   <li>a {@code refusal}: REFUSAL; finish reason {@code length} or stop reason {@code max_tokens}: TRUNCATED;
 *   <li>otherwise no failure, with the tagged finish reason (tool calls when tagged so).
 * </ul>
 *
 * @param failure the failure mode expected, or null for a normal generation
 * @param finish the finish reason expected, or null when the record does not say
 * @param toolCalls whether at least one tool call is expected
 * @param rule the rule that applied, for the report
 */
record Expectation(@Nullable FailureMode failure, @Nullable FinishReason finish, boolean toolCalls, String rule) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern CONTEXT_LIMIT = Pattern.compile(
            "prompt is too long|context (limit|window|length)|maximum context length|too many (input )?tokens");

    static Expectation of(FixtureRecord r) {
        if (r.status() >= 400) {
            return forError(r);
        }
        if (!wellFormed(r.body())) {
            return failure(FailureMode.PROVIDER_UNAVAILABLE, "body is neither JSON nor a well-formed event stream");
        }
        if (r.hasTag("refusal")) {
            return failure(FailureMode.REFUSAL, "refusal");
        }
        String finish = r.tag("finish_reason").or(() -> r.tag("stop_reason")).orElse("");
        switch (finish) {
            case "length", "max_tokens":
                return failure(FailureMode.TRUNCATED, "finish " + finish);
            case "content_filter":
                return failure(FailureMode.CONTENT_FILTERED, "finish " + finish);
            case "refusal":
                return failure(FailureMode.REFUSAL, "stop reason refusal");
            case "tool_calls", "tool_use":
                return new Expectation(null, FinishReason.TOOL_CALLS, true, "finish " + finish);
            case "stop", "end_turn", "stop_sequence":
                return new Expectation(null, FinishReason.STOP, false, "finish " + finish);
            default:
                return new Expectation(null, null, false, "success");
        }
    }

    private static Expectation forError(FixtureRecord r) {
        JsonNode error = errorNode(r.body());
        String type = text(error, "type").or(() -> r.tag("error")).orElse("");
        String code = text(error, "code").orElse("");
        String message = text(error, "message").orElse("").toLowerCase(Locale.ROOT);
        int status = r.status();
        if (code.equals("insufficient_quota") || type.equals("insufficient_quota")) {
            return failure(FailureMode.PROVIDER_REJECTED, "insufficient_quota");
        }
        if (code.equals("context_length_exceeded")) {
            return failure(FailureMode.CONTEXT_OVERFLOW, "context_length_exceeded");
        }
        if (status == 400 && type.equals("invalid_request_error") && CONTEXT_LIMIT.matcher(message).find()) {
            return failure(FailureMode.CONTEXT_OVERFLOW, "context limit 400");
        }
        if (code.equals("content_filter")) {
            return failure(FailureMode.CONTENT_FILTERED, "content_filter");
        }
        if (status == 429 || status >= 500) {
            return failure(FailureMode.PROVIDER_UNAVAILABLE, "status " + status);
        }
        return failure(FailureMode.PROVIDER_REJECTED, "status " + status);
    }

    /**
     * Returns whether the body is one JSON document, or an event stream (read as the SSE specification says:
     * lines that are not {@code data:} fields are ignored) with at least one event whose every data payload
     * is JSON or {@code [DONE]}.
     */
    static boolean wellFormed(String body) {
        if (parses(body)) {
            return true;
        }
        int events = 0;
        for (String line : body.split("\\R")) {
            if (line.startsWith("data:")) {
                String payload = line.substring(5).strip();
                if (!payload.equals("[DONE]") && !parses(payload)) {
                    return false;
                }
                events++;
            }
            // Other lines are comments or fields the SSE specification says to ignore.
        }
        return events > 0;
    }

    private static boolean parses(String text) {
        try {
            return MAPPER.readTree(text) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static Expectation failure(FailureMode mode, String rule) {
        return new Expectation(mode, null, false, rule);
    }

    private static JsonNode errorNode(String body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            return json == null ? MAPPER.createObjectNode() : json.path("error");
        } catch (Exception e) {
            return MAPPER.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.textValue());
    }

    /** Returns how the expectation reads in the report. */
    String describe() {
        if (failure != null) {
            return failure + " (" + rule + ")";
        }
        return (finish == null ? "a generation" : "finish " + finish) + (toolCalls ? " with tool calls" : "");
    }
}
