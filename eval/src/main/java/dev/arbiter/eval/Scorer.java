package dev.arbiter.eval;

/**
 * Scores one output of a subject for one golden case. The built-ins are in {@link Scorers}, plus {@link LlmJudge};
 * users write their own the same way, usually as a lambda.
 *
 * <p>Implementations must be thread-safe (the harness scores cases concurrently) and should be deterministic:
 * the same context gives the same score. A scorer that throws is not trusted to have passed anything: the
 * harness records a score of 0 with the exception's message (fail closed).
 *
 * <pre>{@code
 * Scorer mentionsTotal = context -> Score.of(context.outputText().contains("42.50"), "mentions the total");
 * }</pre>
 */
@FunctionalInterface
public interface Scorer {

    /**
     * Scores the output in the context.
     *
     * @param context the case, the output and what came with it; never {@code null}
     * @return the score; never {@code null}
     */
    Score score(ScoringContext context);
}
