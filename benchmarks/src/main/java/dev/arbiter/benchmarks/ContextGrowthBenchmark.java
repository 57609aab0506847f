package dev.arbiter.benchmarks;

import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.TokenCounter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How context assembly grows with the number of items (issue #9, figure 3): fresh and repeated assemblies of 10,
 * 100 and 1,000 items of about 100 o200k tokens each into a budget that holds them all. Linear means the time per
 * item stays flat.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ContextGrowthBenchmark -f 1 -wi 3 -w 2 -i 5 -r 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContextGrowthBenchmark {

    static final int TOKENS_EACH = 100;

    @Param({"10", "100", "1000"})
    public int items;

    private List<ContextItem> list;
    private ContextAssembler fresh;
    private ContextAssembler warm;
    private int budget;

    @Setup
    public void setUp() {
        list = BenchFixtures.items("kb", items, TOKENS_EACH, 7);
        budget = items * (TOKENS_EACH + 100) + 500;
        fresh = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).cacheSize(0).build();
        warm = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).build();
        AssembledContext a = warm.assemble(list, budget);
        if (a.evidence().sources().size() != items) {
            throw new IllegalStateException("not every item went in: " + a.evidence().sources().size());
        }
    }

    @Benchmark
    public String fresh() {
        return fresh.assemble(list, budget).text(); // the text rendered, as a composer needs it
    }

    @Benchmark
    public String repeated() {
        return warm.assemble(list, budget).text(); // the text rendered, as a composer needs it
    }
}
