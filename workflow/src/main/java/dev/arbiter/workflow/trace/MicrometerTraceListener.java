package dev.arbiter.workflow.trace;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.Generation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns trace events into Micrometer metrics:
 *
 * <ul>
 *   <li>{@code arbiter.tokens} (counter; tags {@code type} input/output, {@code model}),</li>
 *   <li>{@code arbiter.cost} (counter, dollars; tag {@code model}; by the given price function),</li>
 *   <li>{@code arbiter.generation.latency} (timer; tags {@code provider}, {@code model}),</li>
 *   <li>{@code arbiter.generation.failures} (counter; tags {@code provider}, {@code mode}),</li>
 *   <li>{@code arbiter.verdicts} (counter; tags {@code verifier}, {@code outcome} pass/fail/human_review,
 *       {@code mode} the failure mode of each finding, {@code none} for a pass),</li>
 *   <li>{@code arbiter.remedies} (counter; tags {@code mode}, {@code remedy}),</li>
 *   <li>{@code arbiter.runs} (counter; tags {@code pipeline}, {@code outcome}).</li>
 * </ul>
 *
 * <p>Tags carry no content, so nothing needs redacting. Thread-safe.
 */
public final class MicrometerTraceListener implements TraceListener {

    private final MeterRegistry registry;
    private final Function<Generation, BigDecimal> cost;

    /**
     * Creates the listener.
     *
     * @param registry where metrics go
     * @param cost the cost of one generation, e.g. {@code g -> prices.priceOf(g.modelId()).map(p ->
     *     p.cost(g.usage())).orElse(BigDecimal.ZERO)}
     */
    public MicrometerTraceListener(MeterRegistry registry, Function<Generation, BigDecimal> cost) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cost = Objects.requireNonNull(cost, "cost");
    }

    @Override
    public void on(TraceEvent e) {
        if (e instanceof TraceEvent.GenerationEnded x) {
            generation(x);
        } else if (e instanceof TraceEvent.VerificationEnded x) {
            verdict(x);
        } else if (e instanceof TraceEvent.RemedyTaken x) {
            Counter.builder("arbiter.remedies").tag("mode", x.failureMode().name()).tag("remedy", x.remedy())
                    .register(registry).increment();
        } else if (e instanceof TraceEvent.RunEnded x) {
            Counter.builder("arbiter.runs").tag("pipeline", x.pipeline()).tag("outcome", x.outcome())
                    .register(registry).increment();
        }
    }

    private void generation(TraceEvent.GenerationEnded x) {
        Generation g = x.generation();
        if (g == null) {
            Counter.builder("arbiter.generation.failures").tag("provider", x.provider())
                    .tag("mode", x.failureMode() == null ? "unknown" : x.failureMode().name())
                    .register(registry).increment();
            return;
        }
        String model = g.modelId().isEmpty() ? "unknown" : g.modelId();
        Counter.builder("arbiter.tokens").tag("type", "input").tag("model", model).register(registry)
                .increment(g.usage().inputTokens());
        Counter.builder("arbiter.tokens").tag("type", "output").tag("model", model).register(registry)
                .increment(g.usage().outputTokens());
        Counter.builder("arbiter.cost").baseUnit("dollars").tag("model", model).register(registry)
                .increment(cost.apply(g).doubleValue());
        Timer.builder("arbiter.generation.latency").tag("provider", x.provider()).tag("model", model)
                .register(registry).record(g.latency());
    }

    private void verdict(TraceEvent.VerificationEnded x) {
        Verdict v = x.verdict();
        if (v instanceof Verdict.Fail fail) {
            for (Finding f : fail.findings()) {
                count(x.verifierId(), "fail", f.mode().name());
            }
        } else {
            count(x.verifierId(), v instanceof Verdict.Pass ? "pass" : "human_review", "none");
        }
    }

    private void count(String verifier, String outcome, String mode) {
        Counter.builder("arbiter.verdicts").tag("verifier", verifier).tag("outcome", outcome).tag("mode", mode)
                .register(registry).increment();
    }
}
