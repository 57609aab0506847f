package dev.arbiter.core.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.arbiter.core.langchain4j.ProviderServer.OPENAI_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Usage;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LangChain4jGeneratorOpenAiTest {

    private static final GenerationRequest ASK = GenerationRequest.of(Message.user("What's the weather like in SF?"));

    private final ProviderServer server = new ProviderServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordedCompletionBecomesTextWithUsageFinishReasonAndReportedModelId() {
        ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.OPENAI, 0);
        server.reply(OPENAI_PATH, recorded);

        Generation generation = LangChain4jGenerator.of(server.openAi()).generate(ASK);

        assertThat(generation.text()).isEqualTo("{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}");
        assertThat(generation.toolCalls()).isEmpty();
        assertThat(generation.usage()).isEqualTo(Usage.of(79, 14));
        assertThat(generation.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(generation.failureMode()).isEmpty();
        assertThat(generation.modelId()).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void latencyIsTheWallTimeOfTheCall() {
        server.reply(OPENAI_PATH, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ProviderFixtures.load(ProviderFixtures.OPENAI, 0).body()).withFixedDelay(150));

        Generation generation = LangChain4jGenerator.of(server.openAi()).generate(ASK);

        assertThat(generation.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void parallelToolCallsKeepTheirIdsNamesAndRawArguments() {
        ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.OPENAI, 5);
        server.reply(OPENAI_PATH, recorded);

        Generation generation = LangChain4jGenerator.of(server.openAi()).generate(ASK);

        assertThat(generation.toolCalls()).containsExactly(
                ToolCall.of("call_fdNz3vOBKYgOIpMdWotB9MjY", "GetWeatherArgs",
                        "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
                ToolCall.of("call_h1DWI1POMJLb0KwIyQHWXD4p", "get_stock_price",
                        "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"));
        assertThat(generation.text()).isEmpty();
        assertThat(generation.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void everyRecordedToolCallIsPassedThroughUnchanged() {
        for (int index : new int[] {3, 4, 5}) {
            ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.OPENAI, index);
            server.reply(OPENAI_PATH, recorded);
            List<ToolCall> expected = new ArrayList<>();
            for (JsonNode call : recorded.bodyJson().at("/choices/0/message/tool_calls")) {
                expected.add(ToolCall.of(call.path("id").asText(), call.at("/function/name").asText(),
                        call.at("/function/arguments").asText()));
            }

            Generation generation = LangChain4jGenerator.of(server.openAi()).generate(ASK);

            assertThat(generation.toolCalls()).as("record %d", index).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void refusalInTheBodyIsReturnedAsRefusalWithTheRefusalText() {
        server.replyJson(OPENAI_PATH, 200, """
                {"id":"chatcmpl-r1","object":"chat.completion","created":1727346173,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,
                   "refusal":"I'm very sorry, but I can't assist with that."},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":79,"completion_tokens":12,"total_tokens":91}}""");

        Generation generation = LangChain4jGenerator.of(server.openAi()).generate(ASK);

        assertThat(generation.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(generation.failureMode()).contains(FailureMode.REFUSAL);
        assertThat(generation.text()).isEqualTo("I'm very sorry, but I can't assist with that.");
        assertThat(generation.modelId()).as("langchain4j drops the metadata of a refusal").isEqualTo("gpt-4o");
    }

    @Test
    void contentFilteredExceptionWithACyclicCauseChainIsStillClassified() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        dev.langchain4j.model.chat.ChatModel model = new dev.langchain4j.model.chat.ChatModel() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(
                    dev.langchain4j.model.chat.request.ChatRequest request) {
                throw new dev.langchain4j.exception.ContentFilteredException("refused", a);
            }
        };

        Generation generation = LangChain4jGenerator.of(model).generate(ASK);

        assertThat(generation.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(generation.text()).isEqualTo("refused");
    }

    @Test
    void contentFilteredExceptionBehindAnHttpErrorIsNotARefusal() {
        dev.langchain4j.model.chat.ChatModel model = new dev.langchain4j.model.chat.ChatModel() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(
                    dev.langchain4j.model.chat.request.ChatRequest request) {
                throw new dev.langchain4j.exception.ContentFilteredException(new ProviderHttpException(400,
                        ProviderFixtures.load(ProviderFixtures.ERRORS, 4).body(), java.util.Map.of()));
            }
        };

        assertThatThrownBy(() -> LangChain4jGenerator.of(model).generate(ASK))
                .isInstanceOfSatisfying(dev.arbiter.core.ArbiterException.class,
                        e -> assertThat(e.failureMode()).isEqualTo(FailureMode.CONTENT_FILTERED));
    }

    @Test
    void contentFilterFinishReasonIsReturnedAsContentFilteredKeepingThePartialText() {
        server.replyJson(OPENAI_PATH, 200, """
                {"id":"chatcmpl-f1","object":"chat.completion","created":1727346173,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Here is how to"},
                   "finish_reason":"content_filter"}],
                 "usage":{"prompt_tokens":20,"completion_tokens":4,"total_tokens":24}}""");

        Generation generation = LangChain4jGenerator.of(server.openAi()).generate(ASK);

        assertThat(generation.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(generation.failureMode()).contains(FailureMode.CONTENT_FILTERED);
        assertThat(generation.text()).isEqualTo("Here is how to");
    }

    @Test
    void lengthFinishReasonIsReturnedAsTruncatedKeepingThePartialText() {
        server.replyJson(OPENAI_PATH, 200, """
                {"id":"chatcmpl-l1","object":"chat.completion","created":1727346171,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"{\\""},"finish_reason":"length"}],
                 "usage":{"prompt_tokens":79,"completion_tokens":1,"total_tokens":80}}""");

        Generation generation = LangChain4jGenerator.of(server.openAi()).generate(ASK);

        assertThat(generation.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(generation.failureMode()).contains(FailureMode.TRUNCATED);
        assertThat(generation.text()).isEqualTo("{\"");
    }

    @Test
    void missingUsageAndModelBecomeZeroUsageAndTheFallbackModelId() {
        server.replyJson(OPENAI_PATH, 200, """
                {"id":"chatcmpl-m1","object":"chat.completion",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""");

        Generation configured = LangChain4jGenerator.of(server.openAi()).generate(ASK);
        Generation fallback = LangChain4jGenerator.builder(server.openAi()).fallbackModelId("my-gateway-model")
                .build().generate(ASK);

        assertThat(configured.usage()).isEqualTo(Usage.ZERO);
        assertThat(configured.modelId()).isEqualTo("gpt-4o");
        assertThat(fallback.modelId()).isEqualTo("my-gateway-model");
    }

    @Test
    void responseSchemaReachesTheProviderWithEveryKeyword() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 0));
        String schema = """
                {"type":"object","additionalProperties":false,"required":["city","temperature"],
                 "properties":{"city":{"type":"string","pattern":"^[A-Z][a-z]+( [A-Z][a-z]+)*$","minLength":2},
                   "temperature":{"type":"integer","minimum":-90,"maximum":60},
                   "units":{"enum":["c","f"]},
                   "tags":{"type":"array","items":{"$ref":"#/$defs/tag"},"maxItems":3,"uniqueItems":true}},
                 "$defs":{"tag":{"type":"string","format":"hostname"}}}""";
        GenerationRequest request = ASK.toBuilder().responseSchema(ResponseSchema.of("weather", schema)).build();

        LangChain4jGenerator.of(server.openAi()).generate(request);

        JsonNode sent = server.onlyRequest(OPENAI_PATH).path("response_format");
        assertThat(sent.path("type").asText()).isEqualTo("json_schema");
        assertThat(sent.at("/json_schema/name").asText()).isEqualTo("weather");
        assertThat(sent.at("/json_schema/schema")).isEqualTo(ProviderFixtures.readTree(schema));
    }

    @Test
    void toolsReachTheProviderWithTheirPropertySchemasVerbatim() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 4));
        String parameters = """
                {"type":"object","description":"Where and how","required":["city"],
                 "properties":{"city":{"type":"string","pattern":"^[A-Za-z ]+$","description":"City name"},
                   "days":{"type":"integer","minimum":1,"maximum":14,"default":3},
                   "units":{"type":"string","enum":["c","f"]}}}""";
        GenerationRequest request = ASK.toBuilder()
                .addTool(ToolSpec.of("GetWeatherArgs", "Look up the weather", parameters)).build();

        LangChain4jGenerator.of(server.openAi()).generate(request);

        JsonNode function = server.onlyRequest(OPENAI_PATH).at("/tools/0/function");
        JsonNode expected = ProviderFixtures.readTree(parameters);
        assertThat(function.path("name").asText()).isEqualTo("GetWeatherArgs");
        assertThat(function.path("description").asText()).isEqualTo("Look up the weather");
        assertThat(function.at("/parameters/properties")).isEqualTo(expected.path("properties"));
        assertThat(function.at("/parameters/required")).isEqualTo(expected.path("required"));
        assertThat(function.at("/parameters/description")).isEqualTo(expected.path("description"));
    }

    @Test
    void openAiDropsTheTopLevelAdditionalPropertiesOfToolsThatAreNotStrict() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 4));
        GenerationRequest request = ASK.toBuilder().addTool(ToolSpec.of("t", "", """
                {"type":"object","additionalProperties":false,"properties":{"a":{"type":"string"}}}""")).build();

        LangChain4jGenerator.of(server.openAi()).generate(request);

        assertThat(server.onlyRequest(OPENAI_PATH).at("/tools/0/function/parameters").has("additionalProperties"))
                .as("langchain4j sends additionalProperties only for strict tools").isFalse();
    }

    @Test
    void toolCallsAndToolResultsAreSentBackWithTheirIds() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 0));
        GenerationRequest request = GenerationRequest.builder()
                .addMessage(Message.system("You report the weather."))
                .addMessage(Message.user("Weather in Edinburgh and the AAPL price?"))
                .addMessage(Message.assistant("", List.of(
                        ToolCall.of("call_1", "GetWeatherArgs", "{\"city\":\"Edinburgh\"}"),
                        ToolCall.of("call_2", "get_stock_price", "{\"ticker\":\"AAPL\"}"))))
                .addMessage(Message.toolResult("call_1", "GetWeatherArgs", "{\"temperature\":12}"))
                .addMessage(Message.toolResult("call_2", "get_stock_price", "227.52"))
                .build();

        LangChain4jGenerator.of(server.openAi()).generate(request);

        JsonNode messages = server.onlyRequest(OPENAI_PATH).path("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.at("/0/role").asText()).isEqualTo("system");
        assertThat(messages.at("/2/role").asText()).isEqualTo("assistant");
        assertThat(messages.at("/2/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(messages.at("/2/tool_calls/0/function/name").asText()).isEqualTo("GetWeatherArgs");
        assertThat(messages.at("/2/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Edinburgh\"}");
        assertThat(messages.at("/2/tool_calls/1/id").asText()).isEqualTo("call_2");
        assertThat(messages.at("/3/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.at("/3/content").asText()).isEqualTo("{\"temperature\":12}");
        assertThat(messages.at("/4/tool_call_id").asText()).isEqualTo("call_2");
        assertThat(messages.at("/4/content").asText()).isEqualTo("227.52");
    }

    @Test
    void temperatureOutputLimitAndStopSequencesAreSent() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 0));
        GenerationRequest request = ASK.toBuilder().temperature(0.2).maxOutputTokens(256)
                .stopSequences(List.of("END", "###")).build();

        LangChain4jGenerator.of(server.openAi()).generate(request);

        JsonNode sent = server.onlyRequest(OPENAI_PATH);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(sent.path("stop")).containsExactly(
                ProviderFixtures.readTree("\"END\""), ProviderFixtures.readTree("\"###\""));
    }

    @Test
    void seedIsSentOnlyThroughAParametersCustomizer() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 0));
        GenerationRequest request = ASK.toBuilder().seed(42L).build();

        LangChain4jGenerator.of(server.openAi()).generate(request);
        LangChain4jGenerator.builder(server.openAi())
                .parametersCustomizer((r, parameters) -> OpenAiChatRequestParameters.builder()
                        .overrideWith(parameters)
                        .seed(r.seed().map(Math::toIntExact).orElse(null))
                        .build())
                .build()
                .generate(request);

        List<JsonNode> sent = server.requests(OPENAI_PATH);
        assertThat(sent.get(0).has("seed")).as("no generic seed parameter in langchain4j").isFalse();
        assertThat(sent.get(1).path("seed").asInt()).isEqualTo(42);
    }

    @Test
    void aCustomizerReturningNullIsAProgrammerError() {
        LangChain4jGenerator generator = LangChain4jGenerator.builder(server.openAi())
                .parametersCustomizer((r, parameters) -> null).build();

        assertThatThrownBy(() -> generator.generate(ASK))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("customizer");
    }

    @Test
    void aStreamTimeoutForAModelThatDoesNotStreamIsRejected() {
        assertThatThrownBy(() -> LangChain4jGenerator.builder(server.openAi()).streamTimeout(Duration.ofSeconds(1))
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("streaming");
    }
}
