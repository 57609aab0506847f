package dev.arbiter.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.InjectionDetector;
import dev.arbiter.steering.context.TokenCounter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Context assembly against the tokenizer floor (issue #9, figure 3), 20 items of about 400 o200k tokens each
 * (about 8,000 in all; every tenth item trusted, the rest untrusted and fenced), into a budget that holds them all:
 * <ul>
 *   <li>{@link #tokenizerOnce}: jtokkit's o200k_base counting each item's text once, nothing else: the floor;</li>
 *   <li>{@link #arbiterCounterOnce}: Arbiter's o200k_base counter ({@link TokenCounter#o200kBase()}: the split
 *       written out by hand, the pieces' counts remembered) counting each item's text once;</li>
 *   <li>{@link #freshAssembly}: an assembler that has seen none of the items (its caches are off, so every item is
 *       new on every call): digest, injection scan, token count, dedupe, fences, the proof that the rendered text
 *       fits the budget;</li>
 *   <li>{@link #freshAssemblyWithoutInjectionRules}: the same, with an injection detector that has no rules: what
 *       the assembly costs besides the injection heuristics (which are regular expressions over every untrusted
 *       text);</li>
 *   <li>{@link #repeatedAssembly}: the same items again through an assembler that has seen them (token counts and
 *       scans cached by content digest); a fresh fence boundary every call, as always.</li>
 * </ul>
 * Targets: fresh &le; 1.2 &times; the tokenizer; repeated &le; 10% of fresh.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ContextAssemblyBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContextAssemblyBenchmark {

    static final int ITEMS = 20;
    static final int TOKENS_EACH = 400;

    private final Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private final TokenCounter counter = TokenCounter.o200kBase();
    private List<ContextItem> items;
    private ContextAssembler fresh;
    private ContextAssembler freshNoRules;
    private ContextAssembler warm;
    private int budget;

    @Setup
    public void setUp() {
        items = BenchFixtures.items("kb", ITEMS, TOKENS_EACH, 42);
        budget = ITEMS * (TOKENS_EACH + 100) + 500;
        fresh = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).cacheSize(0).build();
        freshNoRules = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).cacheSize(0)
                .injectionDetector(InjectionDetector.of(List.of())).build();
        warm = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).build();
        AssembledContext a = warm.assemble(items, budget);
        AssembledContext b = fresh.assemble(items, budget);
        if (a.evidence().sources().size() != ITEMS || b.evidence().sources().size() != ITEMS) {
            throw new IllegalStateException("the budget does not hold every item: " + a.manifest());
        }
        System.out.printf("%n%d items, %d o200k tokens of content, rendered context %d tokens%n", ITEMS,
                tokenizerOnce(), a.manifest().tokens());
    }

    @Benchmark
    public int tokenizerOnce() {
        int n = 0;
        for (ContextItem item : items) {
            n += o200k.countTokensOrdinary(item.content());
        }
        return n;
    }

    @Benchmark
    public int arbiterCounterOnce() {
        int n = 0;
        for (ContextItem item : items) {
            n += counter.count(item.content());
        }
        return n;
    }

    @Benchmark
    public String freshAssembly() {
        return fresh.assemble(items, budget).text(); // the text rendered, as a composer needs it
    }

    @Benchmark
    public String freshAssemblyWithoutInjectionRules() {
        return freshNoRules.assemble(items, budget).text(); // the text rendered, as a composer needs it
    }

    @Benchmark
    public String repeatedAssembly() {
        return warm.assemble(items, budget).text(); // the text rendered, as a composer needs it
    }
}
