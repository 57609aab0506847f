package dev.arbiter.workflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Steps;
import dev.arbiter.workflow.trace.TraceEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent runs of one pipeline (a governed step, then a deterministic one) with 10% of generations failing at
 * random (rate limits, schema breaks, truncation, refusals, content filters, rejections): every run ends in a
 * defined outcome, the shared ledger holds exactly one record per decision and its chain verifies, and the heap
 * stays bounded.
 */
class LoadTest {

    @TempDir
    Path dir;

    /** Answers a valid invoice, or with probability 10% one of the faults. */
    static final class FaultyModel implements Generator {
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();

        @Override
        public Generation generate(dev.arbiter.core.GenerationRequest request) {
            calls.incrementAndGet();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Generation ok = Fixtures.answer("{\"number\":\"INV-" + random.nextInt(1000) + "\",\"total\":12.5}");
            if (random.nextInt(100) >= 10) {
                return ok;
            }
            int kind = random.nextInt(10);
            String name = switch (kind) {
                case 0, 1, 2, 3 -> "rate limit";
                case 4, 5 -> "schema break";
                case 6 -> "truncated";
                case 7 -> "refusal";
                case 8 -> "content filter";
                default -> "rejected";
            };
            faults.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            return switch (kind) {
                case 0, 1, 2, 3 -> throw ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "429 rate limited",
                        ProviderDetail.builder().httpStatus(429).retryAfter(Duration.ofMillis(200)).build(), null);
                case 4, 5 -> Fixtures.answer("{\"number\":7,\"total\":\"12.5\"}");
                case 6 -> ok.toBuilder().text("{\"number\":\"IN").finishReason(FinishReason.LENGTH).build();
                case 7 -> ok.toBuilder().text("I can't help with that.").finishReason(FinishReason.REFUSAL).build();
                case 8 -> throw ArbiterException.of(FailureMode.CONTENT_FILTERED, "content filter");
                default -> throw ArbiterException.of(FailureMode.PROVIDER_REJECTED, "401 invalid key");
            };
        }
    }

    @Test
    void concurrentRunsWithRandomFaultsEndDefinedWithOneRecordPerDecisionInBoundedMemory() throws Exception {
        int runs = Reliability.scale(1_000, 10_000);
        int concurrency = 1_000;
        FaultyModel model = new FaultyModel();
        AtomicLong attempts = new AtomicLong();
        AtomicLong bookSteps = new AtomicLong();
        GovernedStep<String, Invoice> extract = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer()).generator(model)
                .verifier(JsonSchemaVerifier.create()).maxAttempts(4).build();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(heapBefore);
        Map<String, Integer> outcomes = new TreeMap<>();
        long millis;
        try (FileLedger ledger = ProvenanceLedger.file(dir.resolve("load.jsonl"))
                .durability(FileLedgerBuilder.Durability.GROUP_COMMIT).open()) {
            Pipeline<String, String> pipeline = Pipeline.builder("load", extract, ArtifactType.of(Invoice.class))
                    .then(Steps.of("book", (Invoice i) -> "booked " + i.number()), ArtifactType.text())
                    .ledger(ledger).sleeper(d -> { }).listener(event -> {
                        if (event instanceof TraceEvent.AttemptEnded) {
                            attempts.incrementAndGet();
                        } else if (event instanceof TraceEvent.StepEnded e && e.step().equals("book")) {
                            bookSteps.incrementAndGet();
                        }
                    }).build();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome<String>>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String runId = "load-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return pipeline.run(runId, "Extract invoice " + runId);
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Future<Outcome<String>> f : futures) {
                Outcome<String> o = f.get(10, TimeUnit.MINUTES);
                assertThat(o).isNotNull();
                String kind = o.getClass().getSimpleName();
                if (o instanceof Outcome.Failed<String> failed) {
                    kind += " " + failed.failure().mode();
                    assertThat(failed.failure().mode()).isIn(FailureMode.PROVIDER_REJECTED,
                            FailureMode.PROVIDER_UNAVAILABLE, FailureMode.TRUNCATED, FailureMode.SCHEMA_VIOLATION);
                } else if (o instanceof Outcome.Escalated<String> e) {
                    kind += " " + e.mode();
                } else if (o instanceof Outcome.Rejected<String>) {
                    kind += " SCHEMA_VIOLATION";
                } else {
                    assertThat(((Outcome.Accepted<String>) o).value()).startsWith("booked INV-");
                }
                outcomes.merge(kind, 1, Integer::sum);
            }
            millis = (System.nanoTime() - t0) / 1_000_000;
            pool.shutdown();
            sampler.interrupt();

            long decisions = attempts.get() + bookSteps.get();
            assertThat(ledger.size()).as("one ledger record per decision").isEqualTo(decisions);
            assertThat(ledger.verify().isValid()).isTrue();
            assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(runs);
            long peakMb = (peak.get() - heapBefore) >> 20;
            assertThat(peakMb).as("heap growth during the runs, MB").isLessThan(1_024);
            Reliability.figure("load", runs + " runs, " + concurrency + " threads, " + model.calls.get()
                    + " generations of which " + model.faults.values().stream().mapToInt(AtomicInteger::get).sum()
                    + " faulty " + new TreeMap<>(model.faults) + ": outcomes " + outcomes + "; " + decisions
                    + " decisions = " + ledger.size() + " ledger records (chain valid); " + millis
                    + " ms; heap growth at peak " + peakMb + " MB (max heap " + (memory.getHeapMemoryUsage().getMax() >> 20)
                    + " MB)");
        }
    }
}
