package dev.arbiter.core.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.arbiter.core.langchain4j.ProviderServer.OPENAI_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LangChain4jGenerator#generateAsync}: a streaming model's recorded streams give the candidates
 * {@link LangChain4jGenerator#generate} gives, without the caller waiting for the stream; failures complete the future
 * with the same classified {@link ArbiterException}.
 */
class LangChain4jGeneratorAsyncTest {

    private static final GenerationRequest ASK = GenerationRequest.of(Message.user("What's the weather like in SF?"));

    private final ProviderServer server = new ProviderServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static String summary(Generation g) {
        return g.text() + " | " + g.toolCalls() + " | " + g.finishReason() + " | " + g.failureMode() + " | "
                + g.usage() + " | " + g.modelId();
    }

    private static ArbiterException failure(CompletableFuture<Generation> future) {
        Throwable t = future.handle((g, e) -> e).join();
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(ArbiterException.class);
        return (ArbiterException) t;
    }

    @Test
    void recordedStreamsGiveTheCandidatesTheBlockingCallGives() throws Exception {
        for (int line : List.of(6, 8, 9, 10)) { // text, truncated, refusal, parallel tool calls
            server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, line));
            LangChain4jGenerator generator = LangChain4jGenerator.of(server.openAiStreaming());

            Generation blocking = generator.generate(ASK);
            Generation async = generator.generateAsync(ASK).get(10, TimeUnit.SECONDS);

            assertThat(summary(async)).as("fixture line %d", line).isEqualTo(summary(blocking));
        }
    }

    @Test
    void aModelThatDoesNotStreamWaitsOnItsCallerAndSaysSoAStreamingOneDoesNot() {
        assertThat(LangChain4jGenerator.of(server.openAi()).waitsOnCaller()).isTrue();
        assertThat(LangChain4jGenerator.of(server.openAiStreaming()).waitsOnCaller()).isFalse();
        Generation answer = Generation.builder().text("{}").modelId("own").build();
        assertThat(((dev.arbiter.core.Generator) request -> answer).waitsOnCaller())
                .as("a generator of its own that only implements generate").isTrue();
        assertThat(dev.arbiter.core.testing.ScriptedGenerator.of(answer).waitsOnCaller()).isTrue();
        assertThat(new dev.arbiter.core.Generator() {
            @Override
            public Generation generate(dev.arbiter.core.GenerationRequest request) {
                return generateAsync(request).join();
            }

            @Override
            public CompletableFuture<Generation> generateAsync(dev.arbiter.core.GenerationRequest request) {
                return CompletableFuture.supplyAsync(() -> answer);
            }
        }.waitsOnCaller()).as("one that answers through a future").isFalse();
    }

    @Test
    void theCallerDoesNotWaitForTheStream() throws Exception {
        server.reply(OPENAI_PATH, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(ProviderFixtures.load(ProviderFixtures.OPENAI, 6).body()).withFixedDelay(1_000));
        LangChain4jGenerator generator = LangChain4jGenerator.of(server.openAiStreaming());

        long start = System.nanoTime();
        CompletableFuture<Generation> future = generator.generateAsync(ASK);
        Duration returnedAfter = Duration.ofNanos(System.nanoTime() - start);

        assertThat(returnedAfter).isLessThan(Duration.ofMillis(900));
        assertThat(future).isNotDone();
        Generation g = future.get(10, TimeUnit.SECONDS);
        assertThat(g.text()).startsWith("{\"city\":");
        assertThat(g.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void aStreamThatOutlastsItsTimeoutFailsTheFutureAsProviderUnavailable() {
        server.reply(OPENAI_PATH, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(ProviderFixtures.load(ProviderFixtures.OPENAI, 6).body()).withFixedDelay(3_000));
        LangChain4jGenerator generator = LangChain4jGenerator.builder(server.openAiStreaming())
                .streamTimeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        ArbiterException e = failure(generator.generateAsync(ASK));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e).hasMessageContaining("did not complete within PT0.3S");
    }

    @Test
    void anErrorChunkAndARateLimitAreClassifiedAsTheBlockingCallClassifiesThem() {
        server.reply(OPENAI_PATH, 200, "text/event-stream", """
                data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Par"},"finish_reason":null}]}

                data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}

                data: [DONE]

                """, Map.of());
        ArbiterException chunk = failure(LangChain4jGenerator.of(server.openAiStreaming()).generateAsync(ASK));
        assertThat(chunk.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(chunk.detail().errorType()).contains("server_error");

        ProviderFixtures.Recorded recorded = ProviderFixtures.load(ProviderFixtures.ERRORS, 2);
        server.reply(OPENAI_PATH, 429, "application/json", recorded.body(),
                Map.of("retry-after", "7", "x-request-id", "req_stream_1"));
        ArbiterException limited = failure(LangChain4jGenerator.of(server.openAiStreaming()).generateAsync(ASK));
        assertThat(limited.detail().httpStatus()).hasValue(429);
        assertThat(limited.detail().retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(limited.detail().requestId()).contains("req_stream_1");
    }

    @Test
    void aModelThatDoesNotStreamAnswersOnTheCallingThread() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.OPENAI, 0));
        LangChain4jGenerator generator = LangChain4jGenerator.of(server.openAi());

        CompletableFuture<Generation> future = generator.generateAsync(ASK);

        assertThat(future).isDone();
        assertThat(future.join().text()).isEqualTo(generator.generate(ASK).text());
    }

    @Test
    void slowStreamsDoNotHoldAThreadEachWhileTheyDribble() throws Exception {
        server.reply(OPENAI_PATH, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(ProviderFixtures.load(ProviderFixtures.OPENAI, 6).body()).withChunkedDribbleDelay(20, 1_500));
        LangChain4jGenerator generator = LangChain4jGenerator.of(server.openAiStreaming());
        int streams = 40;
        List<CompletableFuture<Generation>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < streams; i++) {
            futures.add(generator.generateAsync(ASK));
        }
        Thread.sleep(700); // every stream is now between its first chunk and its last

        // a thread reading a body with langchain4j's blocking parser waits inside DefaultServerSentEventParser.parse
        long reading = Thread.getAllStackTraces().values().stream()
                .filter(stack -> java.util.Arrays.stream(stack)
                        .anyMatch(f -> f.getClassName().endsWith("ServerSentEventParser") && f.getMethodName().equals("parse")))
                .count();

        for (CompletableFuture<Generation> f : futures) {
            assertThat(f.get(30, TimeUnit.SECONDS).text()).startsWith("{\"city\":");
        }
        // read with the blocking parser, each of the 40 streams would hold a thread there until its end
        assertThat(reading).isZero();
    }
}
