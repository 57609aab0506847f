package dev.arbiter.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.langchain4j.ArbiterHttpClientBuilder;
import dev.arbiter.core.langchain4j.LangChain4jGenerator;
import dev.arbiter.eval.EvalHarness;
import dev.arbiter.eval.EvalSubject;
import dev.arbiter.eval.EvalSuite;
import dev.arbiter.eval.GoldenSet;
import dev.arbiter.eval.PriceTable;
import dev.arbiter.eval.Progress;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Scorers;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The eval throughput scenario: {@code N} golden cases against an OpenAI-compatible provider on loopback (WireMock
 * answering every chat completion with a real recorded body after a fixed delay), through
 * {@link LangChain4jGenerator} and {@link EvalHarness} at a given concurrency; then the same run again from the
 * response cache. All three runs happen in one invocation: a cold run of {@code coldCases} other cases in the
 * fresh JVM (class loading and JIT of client and server included: what a CI job pays once), the warm run of the
 * {@code N} cases (the steady state of a service that embeds the harness), and the rerun of those cases from the
 * cache. Prints the elapsed time of each run, the ideal time ({@code N * delay / concurrency}), their ratio and
 * the requests WireMock received (counted by a listener on the server, not by the harness).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.EvalScenario \
 *     ../shared/data/provider-fixtures/openai_chat_recorded.jsonl [cases=1000] [concurrency=32] [delayMs=200] \
 *     [coldCases=cases]
 * </pre>
 *
 * <p>A wall-clock scenario, not a microbenchmark: the time is dominated by the provider's latency and by how well
 * the harness keeps {@code concurrency} calls in flight, and the provider's requests must be counted per run,
 * which JMH's iterations cannot do.
 */
public final class EvalScenario {

    private EvalScenario() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: EvalScenario OPENAI_FIXTURES.jsonl [cases=1000] [concurrency=32] [delayMs=200]"
                    + " [coldCases=cases]");
            System.exit(2);
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path fixtures = Path.of(args[0]);
        int cases = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int delayMs = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : cases;
        JsonNode body = firstCompletion(fixtures);
        String answer = body.at("/choices/0/message/content").textValue();

        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(4 * concurrency + 20).asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(2 * concurrency).stubRequestLoggingDisabled(true)
                .disableRequestJournal().gzipDisabled(true));
        // The journal is off (it costs CPU on the 2 cores the client shares); requests are counted as they are served.
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        server.addMockServiceRequestListener((request, response) -> served.incrementAndGet());
        server.start();
        Path cache = Files.createTempDirectory("arbiter-eval-scenario").resolve("cache.jsonl");
        try {
            server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body.toString())
                    .withFixedDelay(delayMs)));
            LangChain4jGenerator generator = LangChain4jGenerator.of(OpenAiChatModel.builder()
                    .baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey("benchmark").modelName("gpt-4o")
                    .maxRetries(0).timeout(Duration.ofSeconds(30)).httpClientBuilder(new ArbiterHttpClientBuilder())
                    .build());
            EvalSuite<String, String, String> suite = suite("case", cases, answer);
            PriceTable prices = PriceTable.of("USD", Map.of("gpt-4o", PriceTable.Price.perMillion("2.50", "10.00")));
            double ideal = cases * delayMs / 1000.0 / concurrency;
            if (warmup > 0) {
                long w0 = System.nanoTime();
                EvalHarness.builder().generator(generator).concurrency(concurrency).progress(Progress.SILENT).build()
                        .run(suite("cold", warmup, answer));
                double cold = (System.nanoTime() - w0) / 1e9;
                double coldIdeal = warmup * delayMs / 1000.0 / concurrency;
                System.out.printf(Locale.ROOT, "cold run:             %d other cases in a fresh JVM (class loading and JIT"
                        + " of client and server included) %.2f s = %.3f x ideal%n", warmup, cold, cold / coldIdeal);
            }

            System.out.printf(Locale.ROOT, "eval scenario: %d cases, provider delay %d ms, concurrency %d, ideal %.2f s,"
                    + " %d cores, %s%n", cases, delayMs, concurrency, ideal, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            for (String run : List.of(warmup > 0 ? "warm run" : "first run", "rerun from the cache")) {
                int before = served.get();
                EvalHarness harness = EvalHarness.builder().generator(generator).concurrency(concurrency).cache(cache)
                        .prices(prices).progress(Progress.SILENT).build();
                long t0 = System.nanoTime();
                Scorecard card = harness.run(suite);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                int requests = served.get() - before;
                System.out.printf(Locale.ROOT, "%-21s elapsed %.2f s = %.3f x ideal; provider requests (WireMock) %d;"
                        + " harness: %d provider calls, %d cache hits, %d failed trials, pass rate %.3f, cost %s%n",
                        run + ":", elapsed, elapsed / ideal, requests, card.run().spend().providerCalls(),
                        card.run().spend().cacheHits(), card.failedTrials(), card.summary("fields").passRate(),
                        card.run().spend().cost().toPlainString());
            }
        } finally {
            server.stop();
            Files.deleteIfExists(cache);
            Files.deleteIfExists(cache.getParent());
        }
    }

    private static EvalSuite<String, String, String> suite(String prefix, int cases, String answer) {
        GoldenSet.Builder<String, String> set = GoldenSet.builder(prefix, Integer.toString(cases));
        for (int i = 0; i < cases; i++) {
            set.add(prefix + "-" + i, prefix + " " + i + ": what's the weather like in SF?", answer);
        }
        EvalSubject<String, String> subject = (input, g) -> g.generate(GenerationRequest.of(Message.user(input))).text();
        return EvalSuite.builder(set.build(), subject).subjectId("scenario").metric("fields", Scorers.jsonFields())
                .build();
    }

    /** Returns the first recorded 200 chat completion with text content that ended with {@code stop}. */
    static JsonNode firstCompletion(Path fixtures) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (String line : Files.readAllLines(fixtures, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = mapper.readTree(line);
            JsonNode body = row.get("body");
            if (row.path("http_status").asInt() == 200 && body != null && body.isObject()
                    && body.at("/choices/0/message/content").isTextual()
                    && body.at("/choices/0/finish_reason").asText().equals("stop")) {
                return body;
            }
        }
        throw new IllegalArgumentException("no recorded 200 chat completion with text in " + fixtures);
    }
}
