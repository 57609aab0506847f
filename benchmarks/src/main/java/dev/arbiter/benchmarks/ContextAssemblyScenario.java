package dev.arbiter.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.InjectionDetector;
import dev.arbiter.steering.context.TokenCounter;
import dev.arbiter.steering.context.internal.JtokkitTokenCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link ContextAssemblyBenchmark}'s measurements <em>interleaved</em> (issue #9, figure 3): each round runs, one
 * after the other, jtokkit counting the 20 items once (the floor the target names), Arbiter's o200k counter counting
 * them once, a fresh assembly, a fresh assembly without injection rules, a fresh assembly whose token counter starts
 * with no remembered pieces (a cold start: a new {@link JtokkitTokenCounter#unshared} counter every round), and a
 * repeated assembly, so that the load other processes put on a shared machine hits all alike. The first half of the
 * rounds warm up; the second half is measured. Prints the best and the mean of each, and the ratios the targets
 * name.
 *
 * <p>The items are generated English-like text by default; given a JSONL file (gzipped or not) of the shared data,
 * they are its first 20 distinct texts of at least {@code min-chars} chars (the field {@code doc}, {@code context}, {@code text}
 * or {@code payload} of each line), trusted and untrusted as the generated ones.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.ContextAssemblyScenario [rounds=3000] [texts.jsonl.gz [min-chars=1000]]
 * </pre>
 *
 * With fewer rounds the repeated assembly may still be compiling when the measured half starts (800 rounds were
 * enough before the counter split text itself; with it, the fresh assembly's rounds are shorter).
 */
public final class ContextAssemblyScenario {

    private ContextAssemblyScenario() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        List<ContextItem> items = args.length > 1
                ? BenchFixtures.itemsFrom(Path.of(args[1]), ContextAssemblyBenchmark.ITEMS,
                        args.length > 2 ? Integer.parseInt(args[2]) : 1_000)
                : BenchFixtures.items("kb", ContextAssemblyBenchmark.ITEMS, ContextAssemblyBenchmark.TOKENS_EACH, 42);
        Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        TokenCounter counter = TokenCounter.o200kBase();
        int contentTokens = 0;
        for (ContextItem item : items) {
            contentTokens += o200k.countTokensOrdinary(item.content());
        }
        int budget = contentTokens + ContextAssemblyBenchmark.ITEMS * 100 + 500;
        ContextAssembler fresh = ContextAssembler.builder().tokenCounter(counter).cacheSize(0).build();
        ContextAssembler noRules = ContextAssembler.builder().tokenCounter(counter).cacheSize(0)
                .injectionDetector(InjectionDetector.of(List.of())).build();
        ContextAssembler warm = ContextAssembler.builder().tokenCounter(counter).build();
        String[] names = {"jtokkit once", "arbiter counter once", "fresh assembly", "fresh, no injection rules",
            "fresh, cold counter", "repeated assembly"};
        long[] best = new long[names.length];
        long[] sum = new long[names.length];
        Arrays.fill(best, Long.MAX_VALUE);
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            ContextAssembler cold = ContextAssembler.builder()
                    .tokenCounter(JtokkitTokenCounter.unshared(EncodingType.O200K_BASE)).cacheSize(0).build();
            long[] t = new long[names.length + 1];
            t[0] = System.nanoTime();
            for (ContextItem item : items) {
                sink += o200k.countTokensOrdinary(item.content());
            }
            t[1] = System.nanoTime();
            for (ContextItem item : items) {
                sink += counter.count(item.content());
            }
            t[2] = System.nanoTime();
            sink += tokensAndText(fresh.assemble(items, budget));
            t[3] = System.nanoTime();
            sink += tokensAndText(noRules.assemble(items, budget));
            t[4] = System.nanoTime();
            sink += tokensAndText(cold.assemble(items, budget));
            t[5] = System.nanoTime();
            sink += tokensAndText(warm.assemble(items, budget));
            t[6] = System.nanoTime();
            if (r >= rounds / 2) {
                for (int k = 0; k < names.length; k++) {
                    best[k] = Math.min(best[k], t[k + 1] - t[k]);
                    sum[k] += t[k + 1] - t[k];
                }
            }
        }
        int n = rounds - rounds / 2;
        System.out.printf(Locale.ROOT, "context assembly scenario: %d rounds (%d measured), %d items, %,d o200k tokens"
                + " of content (%s), %d cores%n", rounds, n, items.size(), contentTokens,
                args.length > 1 ? args[1] : "generated", Runtime.getRuntime().availableProcessors());
        for (int k = 0; k < names.length; k++) {
            System.out.printf(Locale.ROOT, "%-26s best %,8d us   mean %,8d us%n", names[k], best[k] / 1_000,
                    sum[k] / n / 1_000);
        }
        System.out.printf(Locale.ROOT, "fresh / jtokkit: best %.2f, mean %.2f; without rules: best %.2f, mean %.2f; "
                        + "cold counter: best %.2f, mean %.2f; arbiter counter / jtokkit: best %.2f, mean %.2f; "
                        + "repeated / fresh (means): %.2f%% (%d)%n",
                best[2] / (double) best[0], sum[2] / (double) sum[0], best[3] / (double) best[0],
                sum[3] / (double) sum[0], best[4] / (double) best[0], sum[4] / (double) sum[0],
                best[1] / (double) best[0], sum[1] / (double) sum[0], 100.0 * sum[5] / sum[2], sink % 10);
    }

    /** The manifest's count and the text's length: the text is rendered, as a composer needs it. */
    private static int tokensAndText(AssembledContext context) {
        return context.manifest().tokens() + context.text().length();
    }
}
