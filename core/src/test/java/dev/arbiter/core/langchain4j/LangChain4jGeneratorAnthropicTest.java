package dev.arbiter.core.langchain4j;

import static dev.arbiter.core.langchain4j.ProviderServer.ANTHROPIC_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LangChain4jGeneratorAnthropicTest {

    private static final GenerationRequest ASK = GenerationRequest.of(Message.user("What's the weather in SF?"));
    private static final String WEATHER_PARAMETERS = """
            {"type":"object","additionalProperties":false,"required":["location","units"],
             "properties":{"location":{"description":"The city and state, e.g. San Francisco, CA","title":"Location","type":"string"},
               "units":{"description":"Unit for the output","enum":["c","f"],"title":"Units","type":"string"}}}""";

    private final ProviderServer server = new ProviderServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordedToolUseBecomesAToolCallWithItsIdAndArguments() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 12));

        Generation generation = LangChain4jGenerator.of(server.anthropic()).generate(ASK);

        assertThat(generation.toolCalls()).hasSize(1);
        ToolCall call = generation.toolCalls().get(0);
        assertThat(call.id()).isEqualTo("toolu_013DU6hV4C1M8dJ32ybQFAFi");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.parsedArguments()).contains(ProviderFixtures.readTree("{\"location\":\"SF\",\"units\":\"c\"}"));
        assertThat(generation.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(generation.usage()).isEqualTo(Usage.of(597, 71));
        assertThat(generation.modelId()).isEqualTo("claude-haiku-4-5-20251001");
    }

    @Test
    void recordedTextBeforeAToolUseIsKeptWithTheCall() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 15));

        Generation generation = LangChain4jGenerator.of(server.anthropic()).generate(ASK);

        assertThat(generation.text())
                .isEqualTo("I'll get the weather for each of those cities. Let me start by checking San Francisco.");
        assertThat(generation.toolCalls()).extracting(ToolCall::id).containsExactly("toolu_01LRanfq6DmHn1yDTB4d1SAh");
    }

    @Test
    void recordedTextAnswerEndsNormally() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 13));

        Generation generation = LangChain4jGenerator.of(server.anthropic()).generate(ASK);

        assertThat(generation.text()).isEqualTo("The weather in SF is currently **20°C** (68°F) and **Sunny**!");
        assertThat(generation.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(generation.usage()).isEqualTo(Usage.of(705, 25));
    }

    @Test
    void refusalStopReasonIsReturnedAsRefusal() {
        server.replyJson(ANTHROPIC_PATH, 200, """
                {"model":"claude-sonnet-4-5-20250929","id":"msg_refusal","type":"message","role":"assistant",
                 "content":[{"type":"text","text":"I can't help with that request."}],
                 "stop_reason":"refusal","stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":9}}""");

        Generation generation = LangChain4jGenerator.of(server.anthropic()).generate(ASK);

        assertThat(generation.finishReason()).as("langchain4j reports OTHER").isEqualTo(FinishReason.REFUSAL);
        assertThat(generation.failureMode()).contains(FailureMode.REFUSAL);
        assertThat(generation.text()).isEqualTo("I can't help with that request.");
        assertThat(generation.usage()).isEqualTo(Usage.of(40, 9));
    }

    @Test
    void maxTokensStopReasonIsTruncated() {
        server.replyJson(ANTHROPIC_PATH, 200, """
                {"model":"claude-sonnet-4-5-20250929","id":"msg_len","type":"message","role":"assistant",
                 "content":[{"type":"text","text":"The contract says"}],
                 "stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":4}}""");

        Generation generation = LangChain4jGenerator.of(server.anthropic()).generate(ASK);

        assertThat(generation.failureMode()).contains(FailureMode.TRUNCATED);
        assertThat(generation.text()).isEqualTo("The contract says");
    }

    @Test
    void toolsAndToolResultsAreSentAsAnthropicBlocks() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 13));
        GenerationRequest request = GenerationRequest.builder()
                .addMessage(Message.user("What's the weather in SF in Celsius?"))
                .addMessage(Message.assistant("", List.of(ToolCall.of(
                        "toolu_013DU6hV4C1M8dJ32ybQFAFi", "get_weather", "{\"location\":\"SF\",\"units\":\"c\"}"))))
                .addMessage(Message.toolResult("toolu_013DU6hV4C1M8dJ32ybQFAFi", "get_weather",
                        "{\"location\": \"SF\", \"temperature\": \"20°C\", \"condition\": \"Sunny\"}"))
                .addTool(ToolSpec.of("get_weather", "Lookup the weather", WEATHER_PARAMETERS))
                .build();

        LangChain4jGenerator.of(server.anthropic()).generate(request);

        JsonNode sent = server.onlyRequest(ANTHROPIC_PATH);
        JsonNode toolUse = sent.at("/messages/1/content/0");
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asText()).isEqualTo("toolu_013DU6hV4C1M8dJ32ybQFAFi");
        assertThat(toolUse.path("input")).isEqualTo(ProviderFixtures.readTree("{\"location\":\"SF\",\"units\":\"c\"}"));
        JsonNode toolResult = sent.at("/messages/2/content/0");
        assertThat(sent.at("/messages/2/role").asText()).isEqualTo("user");
        assertThat(toolResult.path("type").asText()).isEqualTo("tool_result");
        assertThat(toolResult.path("tool_use_id").asText()).isEqualTo("toolu_013DU6hV4C1M8dJ32ybQFAFi");
        assertThat(toolResult.path("content").toString()).contains("20°C");
        JsonNode tool = sent.at("/tools/0");
        assertThat(tool.path("name").asText()).isEqualTo("get_weather");
        assertThat(tool.at("/input_schema/properties"))
                .isEqualTo(ProviderFixtures.readTree(WEATHER_PARAMETERS).path("properties"));
        assertThat(tool.at("/input_schema/required")).isEqualTo(ProviderFixtures.readTree("[\"location\",\"units\"]"));
    }

    @Test
    void responseSchemaIsSentVerbatimAsTheOutputFormat() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 1));
        String schema = """
                {"type":"object","additionalProperties":false,"required":["name","age"],
                 "properties":{"name":{"type":"string","minLength":1},"age":{"type":"integer","minimum":0}}}""";

        LangChain4jGenerator.of(server.anthropic())
                .generate(ASK.toBuilder().responseSchema(ResponseSchema.of("person", schema)).build());

        JsonNode format = server.onlyRequest(ANTHROPIC_PATH).at("/output_config/format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("schema")).isEqualTo(ProviderFixtures.readTree(schema));
    }

    @Test
    void recordedStreamIsAssembledIntoOneGeneration() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 0));

        Generation generation = LangChain4jGenerator.of(server.anthropicStreaming()).generate(ASK);

        assertThat(generation.text()).isEqualTo("[12345,67890]");
        assertThat(generation.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(generation.usage()).isEqualTo(Usage.of(135, 10));
        assertThat(generation.modelId()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void recordedStreamedToolUseKeepsTheStreamedArguments() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 10));

        Generation generation = LangChain4jGenerator.of(server.anthropicStreaming()).generate(ASK);

        assertThat(generation.toolCalls()).containsExactly(ToolCall.of("toolu_01TJoxvFknVdnV9XpWFPaRmY", "get_weather",
                "{\"location\": \"San Francisco, CA\", \"units\": \"f\"}"));
        assertThat(generation.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void streamedRefusalStopReasonIsReturnedAsRefusal() {
        server.reply(ANTHROPIC_PATH, 200, "text/event-stream", """
                event: message_start
                data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_r","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I can't help with that."}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"refusal","stop_sequence":null},"usage":{"output_tokens":7}}

                event: message_stop
                data: {"type":"message_stop"}

                """, Map.of());

        Generation generation = LangChain4jGenerator.of(server.anthropicStreaming()).generate(ASK);

        assertThat(generation.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(generation.text()).isEqualTo("I can't help with that.");
    }

    @Test
    void overloadedErrorInsideTheStreamIsProviderUnavailable() {
        server.reply(ANTHROPIC_PATH, 200, "text/event-stream", """
                event: message_start
                data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_o","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":1}}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """, Map.of());

        ArbiterException e = catchThrowableOfType(ArbiterException.class,
                () -> LangChain4jGenerator.of(server.anthropicStreaming()).generate(ASK));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.detail().errorType()).contains("overloaded_error");
        assertThat(e.detail().message()).contains("Overloaded");
    }
}
