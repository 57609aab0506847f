package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.benchmarks.BenchFixtures.Invoice;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Usage;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Pipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.LockSupport;

/**
 * The two facts behind {@link ScaleScenario}'s method (figure 5): how long starting {@code threads} platform threads
 * "at once" takes with no work at all, by a {@code CountDownLatch} and by parking until one instant; and how many
 * runs a one-step pipeline needs before the JIT has compiled it (µs per run, per round of 2,000 runs on one thread,
 * the step of {@code ScaleScenario} against a generator that answers at once).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.ScaleHarnessScenario [threads=2000] [warmupRounds=40]
 * </pre>
 */
public final class ScaleHarnessScenario {

    private ScaleHarnessScenario() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        starts(threads);
        warmUp(rounds);
    }

    private static void starts(int threads) throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(threads);
        pool.prestartAllCoreThreads();
        try {
            for (int round = 0; round < 10; round++) {
                long[] woke = new long[threads];
                CountDownLatch latch = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    int k = i;
                    futures.add(pool.submit(() -> {
                        latch.await();
                        woke[k] = System.nanoTime();
                        return null;
                    }));
                }
                Thread.sleep(300);
                long t0 = System.nanoTime();
                latch.countDown();
                await(futures);
                double latchMs = (Arrays.stream(woke).max().getAsLong() - t0) / 1e6;

                long start = System.nanoTime() + 300_000_000L;
                futures.clear();
                for (int i = 0; i < threads; i++) {
                    int k = i;
                    futures.add(pool.submit(() -> {
                        for (long w = start - System.nanoTime(); w > 0; w = start - System.nanoTime()) {
                            LockSupport.parkNanos(w);
                        }
                        woke[k] = System.nanoTime();
                        return null;
                    }));
                }
                await(futures);
                double instantMs = (Arrays.stream(woke).max().getAsLong() - start) / 1e6;
                System.out.printf(Locale.ROOT, "start of %d threads, no work: latch %.1f ms, one instant %.1f ms"
                        + " (until the last woke)%n", threads, latchMs, instantMs);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private static void warmUp(int rounds) throws Exception {
        Generator answers = request -> Generation.builder().text(BenchFixtures.INVOICE_JSON).modelId("gpt-4o")
                .usage(Usage.of(100, 20)).build();
        GovernedStep<String, Invoice> step = BenchFixtures.invoiceStep(answers);
        StringBuilder line = new StringBuilder("one-step pipeline, µs per run, rounds of 2,000:");
        for (int round = 0; round < rounds; round++) {
            Pipeline<String, Invoice> pipeline = Pipeline.builder("warm-up", step, ArtifactType.of(Invoice.class))
                    .ledger(ProvenanceLedger.inMemory()).build();
            long t0 = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                pipeline.run("r" + round + "-" + i, "Extract invoice " + i + ".");
            }
            line.append(String.format(Locale.ROOT, " %.1f", (System.nanoTime() - t0) / 1e3 / 2_000));
        }
        System.out.println(line);
    }
}
