package dev.arbiter.eval.internal;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.eval.EvalSuite;
import dev.arbiter.eval.GoldenCase;
import dev.arbiter.eval.Metric;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.ScoringContext;
import dev.arbiter.eval.Trial;
import dev.arbiter.eval.TrialOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs one trial: the subject on one case through the generator stack, then every metric's scorer on the
 * output. A subject that throws or returns {@code null} makes a failed trial whose every score is 0; a scorer
 * that throws or returns {@code null} scores 0 with the reason (fail closed). Stateless and thread-safe.
 */
public final class Trials {

    private Trials() {}

    /**
     * Runs the trial and adds the model ids its generations reported to {@code models}.
     *
     * @param models a thread-safe set
     */
    public static <I, E, O> Trial run(EvalSuite<I, E, O> suite, GoldenCase<I, E> c, int repeat, ProviderStack stack,
            CallLog log, Set<String> models) {
        long t0 = System.nanoTime();
        O output = null;
        TrialOutcome outcome;
        try {
            output = suite.subject().run(c.input(), stack.forTrial(log));
            outcome = output == null ? new TrialOutcome.Failed("NullPointerException", "the subject returned null")
                    : new TrialOutcome.Produced(Outputs.text(output));
        } catch (ArbiterException e) {
            outcome = new TrialOutcome.Failed(e.failureMode().name(), String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new TrialOutcome.Failed("InterruptedException", "the subject was interrupted");
        } catch (Exception e) {
            outcome = new TrialOutcome.Failed(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        log.generations().forEach(g -> {
            if (!g.modelId().isEmpty()) {
                models.add(g.modelId());
            }
        });
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Metric m : suite.metrics()) {
            scores.put(m.name(), outcome instanceof TrialOutcome.Failed f
                    ? Score.fail("no output: " + f.kind() + ": " + Text.preview(f.message(), 200))
                    : score(m, suite, c, output, log));
        }
        return new Trial(repeat, outcome, scores, log.spend(), latency);
    }

    private static <I, E, O> Score score(Metric m, EvalSuite<I, E, O> suite, GoldenCase<I, E> c, O output,
            CallLog log) {
        try {
            ScoringContext context = new ScoringContext(c, output, suite.evidenceFor(c, output), log.generations());
            Score s = m.scorer().score(context);
            return s != null ? s : Score.fail("scorer of metric '" + m.name() + "' returned null");
        } catch (RuntimeException e) {
            return Score.fail("scorer of metric '" + m.name() + "' threw " + e.getClass().getSimpleName() + ": "
                    + Text.preview(String.valueOf(e.getMessage()), 200));
        }
    }
}
