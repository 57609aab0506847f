/**
 * Evaluation of anything that uses a model: golden sets ({@link dev.arbiter.eval.GoldenSet}), subjects
 * ({@link dev.arbiter.eval.EvalSubject}), scorers ({@link dev.arbiter.eval.Scorer}, {@link dev.arbiter.eval.Scorers},
 * {@link dev.arbiter.eval.LlmJudge}), the harness ({@link dev.arbiter.eval.EvalHarness}), scorecards
 * ({@link dev.arbiter.eval.Scorecard}), comparisons with a baseline ({@link dev.arbiter.eval.Comparison}) and the
 * gate that fails a build ({@link dev.arbiter.eval.Gate}).
 *
 * <p>The flow: {@code Gate(Compare(baseline, Run(harness, Suite(goldenSet, subject, metrics))))}.
 *
 * <p>Values in this package are immutable and thread-safe; builders are not thread-safe. Nothing is {@code null}
 * unless marked {@code @Nullable}; absent values are returned as {@link java.util.Optional} and collections are
 * never null.
 */
@NullMarked
package dev.arbiter.eval;

import org.jspecify.annotations.NullMarked;
