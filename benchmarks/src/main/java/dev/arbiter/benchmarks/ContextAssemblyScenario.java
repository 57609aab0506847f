package dev.arbiter.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.InjectionDetector;
import dev.arbiter.steering.context.TokenCounter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link ContextAssemblyBenchmark}'s four measurements <em>interleaved</em> (issue #9, figure 3): each round runs the
 * tokenizer once over the 20 items, a fresh assembly, a fresh assembly without injection rules and a repeated
 * assembly, one after the other, so that the load other processes put on a shared machine hits all four alike. The
 * first half of the rounds warm up; the second half is measured. Prints the best and the mean of each, and the
 * ratios the targets name.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.ContextAssemblyScenario [rounds=1000]
 * </pre>
 */
public final class ContextAssemblyScenario {

    private ContextAssemblyScenario() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        List<ContextItem> items = BenchFixtures.items("kb", ContextAssemblyBenchmark.ITEMS,
                ContextAssemblyBenchmark.TOKENS_EACH, 42);
        int budget = ContextAssemblyBenchmark.ITEMS * (ContextAssemblyBenchmark.TOKENS_EACH + 100) + 500;
        Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        ContextAssembler fresh = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).cacheSize(0).build();
        ContextAssembler noRules = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).cacheSize(0)
                .injectionDetector(InjectionDetector.of(List.of())).build();
        ContextAssembler warm = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).build();
        long[] best = new long[4];
        long[] sum = new long[4];
        Arrays.fill(best, Long.MAX_VALUE);
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (ContextItem item : items) {
                sink += o200k.countTokensOrdinary(item.content());
            }
            long t1 = System.nanoTime();
            sink += fresh.assemble(items, budget).manifest().tokens();
            long t2 = System.nanoTime();
            sink += noRules.assemble(items, budget).manifest().tokens();
            long t3 = System.nanoTime();
            sink += warm.assemble(items, budget).manifest().tokens();
            long t4 = System.nanoTime();
            long[] d = {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
            if (r >= rounds / 2) {
                for (int k = 0; k < 4; k++) {
                    best[k] = Math.min(best[k], d[k]);
                    sum[k] += d[k];
                }
            }
        }
        int n = rounds - rounds / 2;
        String[] names = {"tokenizer once", "fresh assembly", "fresh, no injection rules", "repeated assembly"};
        System.out.printf(Locale.ROOT, "context assembly scenario: %d rounds (%d measured), 20 items, %d cores%n",
                rounds, n, Runtime.getRuntime().availableProcessors());
        for (int k = 0; k < 4; k++) {
            System.out.printf(Locale.ROOT, "%-26s best %,8d us   mean %,8d us%n", names[k], best[k] / 1_000,
                    sum[k] / n / 1_000);
        }
        System.out.printf(Locale.ROOT, "fresh / tokenizer: best %.2f, mean %.2f; without rules: best %.2f, mean %.2f; "
                        + "repeated / fresh (means): %.2f%% (%d)%n",
                best[1] / (double) best[0], sum[1] / (double) sum[0], best[2] / (double) best[0],
                sum[2] / (double) sum[0], 100.0 * sum[3] / sum[1], sink % 10);
    }
}
