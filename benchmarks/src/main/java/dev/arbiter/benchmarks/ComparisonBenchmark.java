package dev.arbiter.benchmarks;

import dev.arbiter.eval.CaseResult;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.MetricInfo;
import dev.arbiter.eval.RunInfo;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Spend;
import dev.arbiter.eval.Trial;
import dev.arbiter.eval.TrialOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * What a comparison costs in CI: {@link Comparison#of} of two scorecards of {@code cases} cases and three metrics,
 * each metric with McNemar's test and a paired bootstrap of 10,000 resamples.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ComparisonBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComparisonBenchmark {

    @Param({"100", "1000"})
    public int cases;

    private Scorecard baseline;
    private Scorecard candidate;

    @Setup
    public void setUp() {
        baseline = card("v1", 1);
        candidate = card("v2", 2);
    }

    private Scorecard card(String subject, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> metrics = List.of("valid", "fields", "similar");
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Map<String, Score> scores = new LinkedHashMap<>();
            for (String m : metrics) {
                scores.put(m, Score.of(random.nextDouble(), 0.5, "random"));
            }
            results.add(new CaseResult("case-" + i, List.of(), List.of(new Trial(0, new TrialOutcome.Produced("x"),
                    scores, Spend.NONE, Duration.ZERO))));
        }
        RunInfo run = new RunInfo("bench", subject, List.of(), Map.of(), "bench", "1", "", 1, Instant.EPOCH,
                Duration.ZERO, Spend.NONE);
        return Scorecard.of(run, metrics.stream().map(MetricInfo::scorer).toList(), results);
    }

    @Benchmark
    public Comparison compare() {
        return Comparison.of(baseline, candidate);
    }
}
