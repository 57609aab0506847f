package dev.arbiter.cli.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.FinishReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a recorded 200 response says, read straight from its body (JSON, or the events of a stream) with no
 * langchain4j and no Arbiter code: the oracle the replayed generations are checked against.
 *
 * @param text the answer text (for a refusal, the refusal text)
 * @param toolCalls the tool calls, in order
 * @param inputTokens the reported input tokens, 0 if none
 * @param outputTokens the reported output tokens, 0 if none
 * @param finish the finish reason
 * @param model the model id the provider reported, "" if none
 */
record RecordedAnswer(String text, List<Call> toolCalls, long inputTokens, long outputTokens, FinishReason finish,
        String model) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One tool call: id, name and arguments as JSON. */
    record Call(String id, String name, JsonNode arguments) {}

    static RecordedAnswer of(FixtureRecord r) throws Exception {
        boolean anthropic = r.path().endsWith("/messages");
        boolean responses = r.path().endsWith("/responses");
        if (r.streaming()) {
            List<JsonNode> events = events(r.body());
            if (anthropic) return anthropicStream(events);
            if (responses) return responsesJson(events.stream()
                    .filter(e -> e.path("type").asText().equals("response.completed"))
                    .findFirst().orElseThrow().path("response"));
            return openAiStream(events);
        }
        JsonNode body = MAPPER.readTree(r.body());
        if (anthropic) return anthropicJson(body);
        if (responses) return responsesJson(body);
        return openAiJson(body);
    }

    private static RecordedAnswer openAiJson(JsonNode body) throws Exception {
        JsonNode message = body.path("choices").path(0).path("message");
        List<Call> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            calls.add(new Call(c.path("id").asText(), c.path("function").path("name").asText(),
                    MAPPER.readTree(c.path("function").path("arguments").asText())));
        }
        String refusal = message.path("refusal").asText("");
        FinishReason finish = refusal.isBlank() ? openAiFinish(body.path("choices").path(0).path("finish_reason").asText())
                : FinishReason.REFUSAL;
        String text = refusal.isBlank() ? message.path("content").asText("") : refusal;
        return new RecordedAnswer(text, calls, body.path("usage").path("prompt_tokens").asLong(),
                body.path("usage").path("completion_tokens").asLong(), finish, body.path("model").asText(""));
    }

    private static RecordedAnswer openAiStream(List<JsonNode> events) throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = new StringBuilder();
        Map<Integer, String[]> calls = new TreeMap<>();
        String finish = "";
        long in = 0;
        long out = 0;
        String model = "";
        for (JsonNode e : events) {
            model = e.path("model").asText(model);
            if (e.path("usage").isObject()) {
                in = e.path("usage").path("prompt_tokens").asLong();
                out = e.path("usage").path("completion_tokens").asLong();
            }
            for (JsonNode choice : e.path("choices")) {
                if (choice.path("index").asInt() != 0) continue;
                JsonNode delta = choice.path("delta");
                if (delta.path("content").isTextual()) text.append(delta.path("content").asText());
                if (delta.path("refusal").isTextual()) refusal.append(delta.path("refusal").asText());
                for (JsonNode tc : delta.path("tool_calls")) {
                    String[] call = calls.computeIfAbsent(tc.path("index").asInt(), i -> new String[] {"", "", ""});
                    if (tc.hasNonNull("id")) call[0] = tc.path("id").asText();
                    if (tc.path("function").hasNonNull("name")) call[1] = tc.path("function").path("name").asText();
                    call[2] += tc.path("function").path("arguments").asText("");
                }
                finish = choice.path("finish_reason").asText(finish);
            }
        }
        List<Call> toolCalls = new ArrayList<>();
        for (String[] c : calls.values()) toolCalls.add(new Call(c[0], c[1], MAPPER.readTree(c[2])));
        boolean refused = !refusal.toString().isBlank();
        return new RecordedAnswer(refused ? refusal.toString() : text.toString(), toolCalls, in, out,
                refused ? FinishReason.REFUSAL : openAiFinish(finish), model);
    }

    private static RecordedAnswer anthropicJson(JsonNode body) {
        List<String> texts = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            String type = block.path("type").asText();
            if (type.equals("text")) texts.add(block.path("text").asText());
            if (type.equals("tool_use")) calls.add(new Call(block.path("id").asText(), block.path("name").asText(), block.path("input")));
        }
        return new RecordedAnswer(String.join("\n", texts), calls, body.path("usage").path("input_tokens").asLong(),
                body.path("usage").path("output_tokens").asLong(), anthropicFinish(body.path("stop_reason").asText()),
                body.path("model").asText(""));
    }

    private static RecordedAnswer anthropicStream(List<JsonNode> events) throws Exception {
        Map<Integer, String[]> blocks = new TreeMap<>();
        String stop = "";
        long in = 0;
        long out = 0;
        String model = "";
        for (JsonNode e : events) {
            switch (e.path("type").asText()) {
                case "message_start" -> {
                    model = e.path("message").path("model").asText("");
                    in = e.path("message").path("usage").path("input_tokens").asLong();
                }
                case "content_block_start" -> {
                    JsonNode b = e.path("content_block");
                    blocks.put(e.path("index").asInt(), new String[] {b.path("type").asText(), b.path("id").asText(""),
                            b.path("name").asText(""), b.path("text").asText("")});
                }
                case "content_block_delta" -> {
                    String[] b = blocks.get(e.path("index").asInt());
                    JsonNode d = e.path("delta");
                    b[3] += d.has("text") ? d.path("text").asText() : d.path("partial_json").asText("");
                }
                case "message_delta" -> {
                    stop = e.path("delta").path("stop_reason").asText(stop);
                    out = e.path("usage").path("output_tokens").asLong(out);
                    in = e.path("usage").path("input_tokens").asLong(in);
                }
                default -> { }
            }
        }
        List<String> texts = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (String[] b : blocks.values()) {
            if (b[0].equals("text")) texts.add(b[3]);
            if (b[0].equals("tool_use")) calls.add(new Call(b[1], b[2], MAPPER.readTree(b[3].isEmpty() ? "{}" : b[3])));
        }
        return new RecordedAnswer(String.join("\n", texts), calls, in, out, anthropicFinish(stop), model);
    }

    private static RecordedAnswer responsesJson(JsonNode response) throws Exception {
        StringBuilder text = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        for (JsonNode item : response.path("output")) {
            String type = item.path("type").asText();
            if (type.equals("message")) {
                for (JsonNode part : item.path("content")) {
                    if (part.path("type").asText().equals("output_text")) text.append(part.path("text").asText());
                }
            }
            if (type.equals("function_call")) {
                calls.add(new Call(item.path("call_id").asText(), item.path("name").asText(),
                        MAPPER.readTree(item.path("arguments").asText())));
            }
        }
        String status = response.path("status").asText();
        FinishReason finish = status.equals("incomplete") ? FinishReason.LENGTH
                : calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        return new RecordedAnswer(text.toString(), calls, response.path("usage").path("input_tokens").asLong(),
                response.path("usage").path("output_tokens").asLong(), finish, response.path("model").asText(""));
    }

    private static FinishReason openAiFinish(String reason) {
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private static FinishReason anthropicFinish(String reason) {
        return switch (reason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.REFUSAL;
            default -> FinishReason.OTHER;
        };
    }

    private static List<JsonNode> events(String body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : body.split("\\R")) {
            if (line.startsWith("data:")) {
                String payload = line.substring(5).strip();
                if (!payload.equals("[DONE]")) events.add(MAPPER.readTree(payload));
            }
        }
        return events;
    }
}
