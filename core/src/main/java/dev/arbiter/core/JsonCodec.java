package dev.arbiter.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.internal.Json;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stable JSON form of requests and generations, used for digests, cassettes and checkpoints.
 *
 * <p>Optional parts are written only when present, so adding a new optional part later leaves the digests of
 * existing requests unchanged. Reading is strict: a missing or mistyped member fails with an
 * {@link IllegalArgumentException} that names it. Thread-safe.
 */
public final class JsonCodec {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonCodec() {}

    /** Returns the JSON form of the request, attributes included. */
    public static ObjectNode requestToJson(GenerationRequest request) {
        return requestToJson(request, true);
    }

    static ObjectNode requestToJson(GenerationRequest request, boolean withAttributes) {
        ObjectNode o = F.objectNode();
        ArrayNode messages = o.putArray("messages");
        request.messages().forEach(m -> messages.add(messageToJson(m)));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = o.putArray("tools");
            for (ToolSpec t : request.tools()) {
                tools.addObject().put("name", t.name()).put("description", t.description())
                        .set("parameters", t.parameters());
            }
        }
        request.responseSchema().ifPresent(s -> o.putObject("responseSchema")
                .put("name", s.name()).set("schema", s.schema()));
        request.temperature().ifPresent(t -> o.put("temperature", t));
        request.maxOutputTokens().ifPresent(t -> o.put("maxOutputTokens", t));
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = o.putArray("stopSequences");
            request.stopSequences().forEach(stops::add);
        }
        request.seed().ifPresent(s -> o.put("seed", s));
        if (withAttributes && !request.attributes().isEmpty()) {
            // In key order: the attributes' map has no stable order, and a cassette written twice must be the same.
            ObjectNode attributes = o.putObject("attributes");
            new TreeMap<>(request.attributes()).forEach(attributes::put);
        }
        return o;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static final byte[] MAX_OUTPUT_TOKENS = ascii("\"maxOutputTokens\":");
    private static final byte[] MESSAGES = ascii("\"messages\":[");
    private static final byte[] RESPONSE_SCHEMA_NAME = ascii("\"responseSchema\":{\"name\":");
    private static final byte[] SCHEMA = ascii(",\"schema\":");
    private static final byte[] SEED = ascii("\"seed\":");
    private static final byte[] STOP_SEQUENCES = ascii("\"stopSequences\":[");
    private static final byte[] TEMPERATURE = ascii("\"temperature\":");
    private static final byte[] TOOLS = ascii("\"tools\":[");
    private static final byte[] DESCRIPTION = ascii("{\"description\":");
    private static final byte[] NAME = ascii(",\"name\":");
    private static final byte[] PARAMETERS = ascii(",\"parameters\":");
    private static final byte[] ROLE = ascii("{\"role\":");
    private static final byte[] TEXT = ascii(",\"text\":");
    private static final byte[] TOOL_CALLS = ascii(",\"toolCalls\":[");
    private static final byte[] CONTENT = ascii("{\"content\":");
    private static final byte[] ROLE_AFTER = ascii(",\"role\":");
    private static final byte[] TOOL_CALL_ID = ascii(",\"toolCallId\":");
    private static final byte[] TOOL_NAME = ascii(",\"toolName\":");
    private static final byte[] ARGUMENTS = ascii("{\"arguments\":");
    private static final byte[] ID = ascii(",\"id\":");

    /**
     * Returns the SHA-256 of the canonical JSON form of the request without attributes, as
     * {@code Digests.sha256Hex(CanonicalJson.write(requestToJson(request, false)))} gives it, written straight into
     * the digest: members in the canonical (sorted) order, the schemas' trees walked in place, no text or tree made.
     */
    static String requestDigest(GenerationRequest r) {
        // members sorted by name: maxOutputTokens, messages, responseSchema, seed, stopSequences, temperature, tools
        List<Message> messages = r.messages();
        MessageDigest base = r.baseState();
        try (CanonicalSink out = base != null ? CanonicalSink.resume(base)
                : startThroughFirstMessage(messages, r.maxOutputTokens().orElse(-1))) {
            for (int i = base != null ? r.baseMessages() : 1; i < messages.size(); i++) {
                out.raw(',');
                writeMessage(messages.get(i), out);
            }
            if (keepsMessagesState(messages)) {
                r.keepMessagesState(out.snapshot());
            }
            out.raw(']');
            ResponseSchema schema = r.responseSchema().orElse(null);
            if (schema != null) {
                out.raw(',').raw(RESPONSE_SCHEMA_NAME).string(schema.name()).raw(SCHEMA).schemaTree(schema.tree()).raw('}');
            }
            if (r.seed().isPresent()) {
                out.raw(',').raw(SEED).rawAscii(Long.toString(r.seed().get()));
            }
            if (!r.stopSequences().isEmpty()) {
                out.raw(',').raw(STOP_SEQUENCES);
                for (int i = 0; i < r.stopSequences().size(); i++) {
                    if (i > 0) {
                        out.raw(',');
                    }
                    out.string(r.stopSequences().get(i));
                }
                out.raw(']');
            }
            if (r.temperature().isPresent()) {
                out.raw(',').raw(TEMPERATURE)
                        .rawAscii(CanonicalJson.canonicalNumber(F.numberNode(r.temperature().get())));
            }
            if (!r.tools().isEmpty()) {
                out.raw(',').raw(TOOLS);
                for (int i = 0; i < r.tools().size(); i++) {
                    ToolSpec t = r.tools().get(i);
                    if (i > 0) {
                        out.raw(',');
                    }
                    out.raw(DESCRIPTION).string(t.description()).raw(NAME).string(t.name())
                            .raw(PARAMETERS).value(t.tree()).raw('}');
                }
                out.raw(']');
            }
            out.raw('}');
            return out.hex();
        }
    }

    /**
     * Whether a request's digest keeps the state after its messages ({@link GenerationRequest#keepMessagesState}): when
     * the platform's SHA-256 can be copied and the messages hold at least {@value #KEEP_MESSAGES_CHARS} characters, so
     * the copy (a few hundred bytes, about a tenth of a microsecond) is small beside hashing them again.
     */
    private static boolean keepsMessagesState(List<Message> messages) {
        if (!COPIES_DIGESTS) {
            return false;
        }
        long chars = 0;
        for (Message m : messages) {
            if (m instanceof Message.ToolResult t) {
                chars += t.content().length();
            } else if (m instanceof Message.System sys) {
                chars += sys.text().length();
            } else if (m instanceof Message.User u) {
                chars += u.text().length();
            } else if (m instanceof Message.Assistant a) {
                chars += a.text().length();
            }
        }
        return chars >= KEEP_MESSAGES_CHARS;
    }

    static final int KEEP_MESSAGES_CHARS = 1_024;
    private static final boolean COPIES_DIGESTS = CanonicalSink.copiesDigests();

    /**
     * Opens a sink that has taken in the request's start through its first message: <code>{</code>, the
     * {@code maxOutputTokens} member ({@code -1}: none), <code>"messages":[</code> and the first message. When that
     * message is a system text {@link SystemPrefixes} keeps, the sink resumes the state kept for it, or keeps its own.
     */
    private static CanonicalSink startThroughFirstMessage(List<Message> messages, int maxOutputTokens) {
        String system = !messages.isEmpty() && messages.get(0) instanceof Message.System s
                && SystemPrefixes.keeps(s.text()) ? s.text() : null;
        MessageDigest kept = system == null ? null : SystemPrefixes.find(system, maxOutputTokens);
        if (kept != null) {
            return CanonicalSink.resume(kept);
        }
        CanonicalSink out = CanonicalSink.open();
        out.raw('{');
        if (maxOutputTokens >= 0) {
            out.raw(MAX_OUTPUT_TOKENS).rawAscii(Integer.toString(maxOutputTokens)).raw(',');
        }
        out.raw(MESSAGES);
        if (!messages.isEmpty()) {
            writeMessage(messages.get(0), out);
        }
        if (system != null) {
            SystemPrefixes.keep(system, maxOutputTokens, out.snapshot());
        }
        return out;
    }

    private static final byte[] FINISH_REASON = ascii("{\"finishReason\":");
    private static final byte[] LATENCY = ascii(",\"latency\":");
    private static final byte[] MODEL_ID = ascii(",\"modelId\":");
    private static final byte[] USAGE = ascii(",\"usage\":{\"inputTokens\":");
    private static final byte[] OUTPUT_TOKENS = ascii(",\"outputTokens\":");

    /**
     * Returns the SHA-256 of the canonical JSON form of the generation, as
     * {@code CanonicalJson.sha256Hex(generationToJson(g))} gives it, written straight into the digest.
     */
    public static String generationDigest(Generation g) {
        try (CanonicalSink out = CanonicalSink.open()) {
            // finishReason, latency, modelId, text, toolCalls, usage {inputTokens, outputTokens}
            out.raw(FINISH_REASON).string(g.finishReason().name()).raw(LATENCY).string(g.latency().toString())
                    .raw(MODEL_ID).string(g.modelId()).raw(TEXT).string(g.text());
            if (!g.toolCalls().isEmpty()) {
                writeToolCalls(g.toolCalls(), out);
            }
            out.raw(USAGE).rawAscii(Long.toString(g.usage().inputTokens())).raw(OUTPUT_TOKENS)
                    .rawAscii(Long.toString(g.usage().outputTokens())).raw('}').raw('}');
            return out.hex();
        }
    }

    private static void writeToolCalls(List<ToolCall> calls, CanonicalSink out) {
        out.raw(TOOL_CALLS);
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            if (i > 0) {
                out.raw(',');
            }
            out.raw(ARGUMENTS).string(c.arguments()).raw(ID).string(c.id()).raw(NAME).string(c.name()).raw('}');
        }
        out.raw(']');
    }

    private static void writeMessage(Message message, CanonicalSink out) {
        if (message instanceof Message.ToolResult r) {
            // content, role, toolCallId, toolName
            out.raw(CONTENT).string(r.content()).raw(ROLE_AFTER).string(r.role())
                    .raw(TOOL_CALL_ID).string(r.toolCallId()).raw(TOOL_NAME).string(r.toolName()).raw('}');
            return;
        }
        out.raw(ROLE).string(message.role());
        if (message instanceof Message.System s) {
            out.raw(TEXT).string(s.text());
        } else if (message instanceof Message.User u) {
            out.raw(TEXT).string(u.text());
        } else if (message instanceof Message.Assistant a) {
            out.raw(TEXT).string(a.text());
            if (!a.toolCalls().isEmpty()) {
                writeToolCalls(a.toolCalls(), out);
            }
        }
        out.raw('}');
    }

    /** Reads a request from its JSON form. */
    public static GenerationRequest requestFromJson(JsonNode json) {
        GenerationRequest.Builder b = GenerationRequest.builder();
        for (JsonNode m : array(json, "messages")) {
            b.addMessage(messageFromJson(m));
        }
        for (JsonNode t : optionalArray(json, "tools")) {
            b.addTool(new ToolSpec(text(t, "name"), text(t, "description"), object(t, "parameters")));
        }
        if (json.has("responseSchema")) {
            JsonNode s = object(json, "responseSchema");
            b.responseSchema(new ResponseSchema(text(s, "name"), object(s, "schema")));
        }
        if (json.has("temperature")) b.temperature(number(json, "temperature").doubleValue());
        if (json.has("maxOutputTokens")) b.maxOutputTokens(integer(json, "maxOutputTokens"));
        List<String> stops = new ArrayList<>();
        for (JsonNode s : optionalArray(json, "stopSequences")) {
            stops.add(string(s, "stopSequences[" + stops.size() + "]"));
        }
        b.stopSequences(stops);
        if (json.has("seed")) b.seed(longInteger(json, "seed"));
        if (json.has("attributes")) {
            for (Map.Entry<String, JsonNode> e : object(json, "attributes").properties()) {
                b.attribute(e.getKey(), string(e.getValue(), "attributes." + e.getKey()));
            }
        }
        return b.build();
    }

    /** Returns the JSON form of a message. */
    public static ObjectNode messageToJson(Message message) {
        ObjectNode o = F.objectNode().put("role", message.role());
        if (message instanceof Message.System s) {
            o.put("text", s.text());
        } else if (message instanceof Message.User u) {
            o.put("text", u.text());
        } else if (message instanceof Message.Assistant a) {
            o.put("text", a.text());
            if (!a.toolCalls().isEmpty()) o.set("toolCalls", toolCallsToJson(a.toolCalls()));
        } else if (message instanceof Message.ToolResult r) {
            o.put("toolCallId", r.toolCallId()).put("toolName", r.toolName()).put("content", r.content());
        }
        return o;
    }

    /** Reads a message from its JSON form. */
    public static Message messageFromJson(JsonNode json) {
        String role = text(json, "role");
        return switch (role) {
            case "system" -> Message.system(text(json, "text"));
            case "user" -> Message.user(text(json, "text"));
            case "assistant" -> Message.assistant(text(json, "text"), toolCallsFromJson(optionalArray(json, "toolCalls")));
            case "tool" -> Message.toolResult(text(json, "toolCallId"), text(json, "toolName"), text(json, "content"));
            default -> throw new IllegalArgumentException("unknown message role '" + role + "'");
        };
    }

    /** Returns the JSON form of a generation. */
    public static ObjectNode generationToJson(Generation g) {
        ObjectNode o = F.objectNode();
        o.put("text", g.text());
        if (!g.toolCalls().isEmpty()) o.set("toolCalls", toolCallsToJson(g.toolCalls()));
        o.putObject("usage").put("inputTokens", g.usage().inputTokens()).put("outputTokens", g.usage().outputTokens());
        o.put("finishReason", g.finishReason().name());
        o.put("modelId", g.modelId());
        o.put("latency", g.latency().toString());
        return o;
    }

    /** Reads a generation from its JSON form. */
    public static Generation generationFromJson(JsonNode json) {
        JsonNode usage = object(json, "usage");
        String finish = text(json, "finishReason");
        FinishReason reason;
        try {
            reason = FinishReason.valueOf(finish);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown finishReason '" + finish + "'", e);
        }
        Duration latency;
        try {
            latency = Duration.parse(text(json, "latency"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("latency is not an ISO-8601 duration: " + json.get("latency"), e);
        }
        return Generation.builder()
                .text(text(json, "text"))
                .toolCalls(toolCallsFromJson(optionalArray(json, "toolCalls")))
                .usage(Usage.of(longInteger(usage, "inputTokens"), longInteger(usage, "outputTokens")))
                .finishReason(reason)
                .modelId(text(json, "modelId"))
                .latency(latency)
                .build();
    }

    private static ArrayNode toolCallsToJson(List<ToolCall> calls) {
        ArrayNode a = F.arrayNode();
        calls.forEach(c -> a.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments()));
        return a;
    }

    private static List<ToolCall> toolCallsFromJson(Iterable<JsonNode> json) {
        List<ToolCall> calls = new ArrayList<>();
        json.forEach(c -> calls.add(ToolCall.of(text(c, "id"), text(c, "name"), text(c, "arguments"))));
        return calls;
    }

    private static JsonNode member(JsonNode json, String name) {
        JsonNode v = json.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing member '" + name + "' in " + abbreviate(json));
        }
        return v;
    }

    private static String text(JsonNode json, String name) {
        JsonNode v = member(json, name);
        if (!v.isTextual()) throw new IllegalArgumentException("member '" + name + "' must be a string, was " + v.getNodeType());
        return v.textValue();
    }

    private static String string(JsonNode value, String name) {
        if (!value.isTextual()) throw new IllegalArgumentException("member '" + name + "' must be a string, was " + value.getNodeType());
        return value.textValue();
    }

    private static int integer(JsonNode json, String name) {
        JsonNode v = number(json, name);
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("member '" + name + "' must be an integer that fits in 32 bits, was " + v);
        }
        return v.intValue();
    }

    private static long longInteger(JsonNode json, String name) {
        JsonNode v = number(json, name);
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("member '" + name + "' must be an integer that fits in 64 bits, was " + v);
        }
        return v.longValue();
    }

    private static JsonNode number(JsonNode json, String name) {
        JsonNode v = member(json, name);
        if (!v.isNumber()) throw new IllegalArgumentException("member '" + name + "' must be a number, was " + v.getNodeType());
        return v;
    }

    private static JsonNode object(JsonNode json, String name) {
        JsonNode v = member(json, name);
        if (!v.isObject()) throw new IllegalArgumentException("member '" + name + "' must be an object, was " + v.getNodeType());
        return v;
    }

    private static JsonNode array(JsonNode json, String name) {
        JsonNode v = member(json, name);
        if (!v.isArray()) throw new IllegalArgumentException("member '" + name + "' must be an array, was " + v.getNodeType());
        return v;
    }

    private static Iterable<JsonNode> optionalArray(JsonNode json, String name) {
        return json.has(name) ? array(json, name) : List.of();
    }

    private static String abbreviate(JsonNode json) {
        String s = json.toString();
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Parses JSON text; errors name the line and column. */
    static JsonNode parse(String text, String what) {
        return Json.parse(text, what);
    }
}
