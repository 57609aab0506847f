package dev.arbiter.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.benchmarks.BenchFixtures.Invoice;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Usage;
import dev.arbiter.core.langchain4j.ArbiterHttpClientBuilder;
import dev.arbiter.core.langchain4j.LangChain4jGenerator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.JsonSchemas;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scale scenario (issue #9, figure 5): {@code runs} pipeline runs started at once, each one governed step
 * (contract, JSON Schema of a record, verification, binding, a provenance record in a JSONL file ledger with group
 * commit) against a generator that takes {@code delayMs}; one platform thread per run. Prints the completion time
 * against the ideal (one generation's delay: every run waits at the same time), the peak heap (sum of the heap
 * pools' peaks, which includes garbage not yet collected), and the ledger check: one record per run, every run id
 * present, the chain valid. Run it under {@code -Xmx512m} so that "heap under 512 MiB" is enforced, not sampled.
 *
 * <p>Modes: {@code stub} (an in-process generator that sleeps), {@code wiremock} (langchain4j's
 * {@code OpenAiChatModel} through {@link LangChain4jGenerator} against WireMock on loopback answering after the
 * same delay), or {@code both}; the ledger a JSONL {@code file} with group commit (default) or {@code memory}. Each
 * mode runs {@code warmups} times unmeasured first (default 5: class loading and JIT, so the measured round runs
 * compiled code as a service in its steady state does), then once measured.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.ScaleScenario [runs=2000] [delayMs=200] \
 *     [both|stub|wiremock] [file|memory] [warmups=5]
 * </pre>
 */
public final class ScaleScenario {

    private ScaleScenario() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int delayMs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String mode = args.length > 2 ? args[2] : "both";
        boolean fileLedger = args.length <= 3 || !args[3].equals("memory");
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        System.out.printf(Locale.ROOT, "scale scenario: %d runs at once, generator delay %d ms, %d cores, max heap %d MiB,"
                + " %s%n", runs, delayMs, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            if (!mode.equals("wiremock")) {
                Generator sleeping = request -> {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                    return Generation.builder().text(BenchFixtures.INVOICE_JSON).modelId("gpt-4o")
                            .usage(Usage.of(100, 20)).build();
                };
                scenario("stub", sleeping, pool, runs, delayMs, fileLedger, warmups);
            }
            if (!mode.equals("stub")) {
                WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                        .containerThreads(Math.min(runs, 1_000) + 50).asynchronousResponseEnabled(true)
                        .asynchronousResponseThreads(64).stubRequestLoggingDisabled(true).disableRequestJournal()
                        .gzipDisabled(true).jettyAcceptQueueSize(runs + 100));
                server.start();
                try {
                    server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/json").withBody(completion())
                            .withFixedDelay(delayMs)));
                    Generator generator = LangChain4jGenerator.of(OpenAiChatModel.builder()
                            .baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey("benchmark")
                            .modelName("gpt-4o").maxRetries(0).timeout(Duration.ofSeconds(60))
                            .httpClientBuilder(new ArbiterHttpClientBuilder()).build());
                    scenario("wiremock", generator, pool, runs, delayMs, fileLedger, warmups);
                } finally {
                    server.stop();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String completion() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode body = mapper.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "gpt-4o");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", BenchFixtures.INVOICE_JSON);
        body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return body.toString();
    }

    private static void scenario(String name, Generator generator, ExecutorService pool, int runs, int delayMs,
            boolean fileLedger, int warmups) throws Exception {
        List<String> rounds = new ArrayList<>();
        for (int w = 0; w < warmups; w++) {
            rounds.add("unmeasured" + w);
        }
        rounds.add("measured");
        for (String round : rounds) {
            Path dir = Files.createTempDirectory("arbiter-scale");
            Path file = dir.resolve("ledger.jsonl");
            try (ProvenanceLedger ledger = fileLedger ? ProvenanceLedger.file(file)
                    .durability(FileLedgerBuilder.Durability.GROUP_COMMIT).open() : ProvenanceLedger.inMemory()) {
                Pipeline<String, Invoice> pipeline = pipeline(generator, ledger);
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Outcome<Invoice>>> futures = new ArrayList<>(runs);
                for (int i = 0; i < runs; i++) {
                    String runId = name + "-" + round + "-" + i;
                    futures.add(pool.submit(() -> {
                        start.await();
                        return pipeline.run(runId, "Extract invoice " + runId + ".");
                    }));
                }
                long t0 = System.nanoTime();
                start.countDown();
                int accepted = 0;
                for (Future<Outcome<Invoice>> f : futures) {
                    if (f.get() instanceof Outcome.Accepted) {
                        accepted++;
                    }
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                long peakHeap = peakHeap();
                if (!round.equals("measured")) {
                    continue;
                }
                Set<String> runIds = new HashSet<>();
                for (ProvenanceRecord r : ledger.read(0, ledger.size())) {
                    runIds.add(r.entry().runId());
                }
                LedgerVerification verification = ledger.verify();
                double ideal = delayMs / 1000.0;
                System.out.printf(Locale.ROOT, "%-8s %d runs: %d accepted; completion %.3f s = %.2f x ideal (%.3f s);"
                        + " peak heap %d MiB; %s ledger %d records, %d distinct run ids, %d lost, %s%n", name + ":",
                        runs, accepted, elapsed, elapsed / ideal, ideal, peakHeap >> 20,
                        fileLedger ? "file (group commit)" : "in-memory", ledger.size(),
                        runIds.size(), runs - runIds.size(), verification instanceof LedgerVerification.Valid
                                ? "chain valid" : "chain BROKEN: " + verification);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }
    }

    private static Pipeline<String, Invoice> pipeline(Generator generator, ProvenanceLedger ledger) throws IOException {
        OutputSpec spec = OutputSpec.builder().schema(JsonSchemas.forType(Invoice.class)).build();
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class))
                .composer(RequestComposer.builder(BenchFixtures.CONTRACT, spec).build())
                .generator(generator)
                .verifier(JsonSchemaVerifier.create())
                .provider("bench").model("gpt-4o")
                .build();
        return Pipeline.builder("scale", step, ArtifactType.of(Invoice.class)).ledger(ledger).build();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
