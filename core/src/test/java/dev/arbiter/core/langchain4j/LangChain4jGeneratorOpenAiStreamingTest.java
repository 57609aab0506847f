package dev.arbiter.core.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.arbiter.core.langchain4j.ProviderServer.OPENAI_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Usage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LangChain4jGeneratorOpenAiStreamingTest {

    private static final GenerationRequest ASK = GenerationRequest.of(Message.user("What's the weather like in SF?"));

    private final ProviderServer server = new ProviderServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordedStreamIsAssembledIntoOneGeneration() {
        ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.OPENAI, 6);
        server.reply(OPENAI_PATH, recorded);

        Generation generation = LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK);

        assertThat(generation.text()).isEqualTo(concatenated(recorded.body(), "content"));
        assertThat(generation.text()).startsWith("{\"city\":");
        assertThat(generation.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(generation.usage().inputTokens()).isEqualTo(79);
        assertThat(generation.modelId()).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void streamCutByTheTokenLimitIsTruncated() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 8));

        Generation generation = LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK);

        assertThat(generation.text()).isEqualTo("{\"");
        assertThat(generation.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(generation.failureMode()).contains(FailureMode.TRUNCATED);
        assertThat(generation.usage()).isEqualTo(Usage.of(79, 1));
    }

    @Test
    void streamedRefusalIsReturnedAsRefusalWithTheConcatenatedRefusalText() {
        ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.OPENAI, 9);
        server.reply(OPENAI_PATH, recorded);

        Generation generation = LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK);

        assertThat(generation.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(generation.failureMode()).contains(FailureMode.REFUSAL);
        assertThat(generation.text()).isEqualTo("I'm very sorry, but I can't assist with that.");
        assertThat(generation.text()).isEqualTo(concatenated(recorded.body(), "refusal"));
        assertThat(generation.usage()).isEqualTo(Usage.of(79, 12));
    }

    @Test
    void streamedParallelToolCallsAreAssembledWithIdsAndRawArguments() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 10));

        Generation generation = LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK);

        assertThat(generation.toolCalls()).containsExactly(
                ToolCall.of("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
                        "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
                ToolCall.of("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
                        "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"));
        assertThat(generation.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(generation.usage()).isEqualTo(Usage.of(149, 60));
    }

    @Test
    void errorChunkInTheStreamIsThrownInsteadOfReturningTheTextBeforeIt() {
        server.reply(OPENAI_PATH, 200, "text/event-stream", """
                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Par"},"finish_reason":null}]}

                data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}

                data: [DONE]

                """, Map.of());

        ArbiterException e = catchThrowableOfType(ArbiterException.class,
                () -> LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.detail().errorType()).contains("server_error");
        assertThat(e.detail().message()).hasValueSatisfying(m -> assertThat(m).startsWith("The server had an error"));
    }

    @Test
    void streamThatDoesNotCompleteInTimeIsProviderUnavailable() {
        server.reply(OPENAI_PATH, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(ProviderFixtures.load(ProviderFixtures.OPENAI, 6).body()).withFixedDelay(3_000));
        LangChain4jGenerator generator = LangChain4jGenerator.builder(server.openAiStreaming())
                .streamTimeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        ArbiterException e = catchThrowableOfType(ArbiterException.class, () -> generator.generate(ASK));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e).hasMessageContaining("did not complete within PT0.3S");
    }

    @Test
    void rateLimitOnAStreamKeepsTheRetryAfterHeader() {
        ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.ERRORS, 2);
        server.reply(OPENAI_PATH, 429, "application/json", recorded.body(),
                Map.of("retry-after", "7", "x-request-id", "req_stream_1"));

        ArbiterException e = catchThrowableOfType(ArbiterException.class,
                () -> LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().httpStatus()).hasValue(429);
        assertThat(e.detail().retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.detail().requestId()).contains("req_stream_1");
    }

    /** Concatenates {@code choices[0].delta.<field>} of every chunk, as the provider streamed it. */
    @Test
    void streamOfSeveralChoicesKeepsTheTextOfChoiceZeroInsteadOfInterleavingThem() {
        ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.OPENAI, 7);
        server.reply(OPENAI_PATH, recorded);

        Generation generation = LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK);

        assertThat(recorded.body()).contains("\"index\":2");
        assertThat(generation.text()).isEqualTo(concatenated(recorded.body(), "content"));
        assertThat(ProviderFixtures.readTree(generation.text()).path("city").asText()).isNotEmpty();
        assertThat(generation.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void streamCutOffBeforeItsFinishReasonIsProviderUnavailableNotAnAnswer() {
        server.reply(OPENAI_PATH, 200, "text/event-stream", """
                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"The total is"},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"content":" 12"},"finish_reason":null}]}

                """, Map.of());

        ArbiterException e = catchThrowableOfType(ArbiterException.class,
                () -> LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("ended without a finish reason");
    }

    @Test
    void regressionAStreamedResponseWithNoEventsIsProviderUnavailableNotAnEmptyAnswer() {
        for (String[] body : new String[][] {{"application/json", ""}, {"application/json", "{\"choices\":[{"},
                {"text/event-stream", "\n\n"}}) {
            server.reply(OPENAI_PATH, 200, body[0], body[1], Map.of());

            ArbiterException e = catchThrowableOfType(ArbiterException.class,
                    () -> LangChain4jGenerator.of(server.openAiStreaming()).generate(ASK));

            assertThat(e).as("%s body %s", body[0], body[1]).isNotNull();
            assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        }
    }

    private static String concatenated(String sse, String field) {
        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                for (JsonNode choice : ProviderFixtures.readTree(line.substring(6)).path("choices")) {
                    JsonNode delta = choice.at("/delta/" + field);
                    if (choice.path("index").asInt() == 0 && delta.isTextual()) {
                        text.append(delta.asText());
                    }
                }
            }
        }
        return text.toString();
    }
}
