/**
 * The JUnit 5 extension: {@link dev.arbiter.eval.junit.GoldenSetTest} runs an eval suite as a test, writes its
 * reports and fails with the regressions. JUnit Jupiter is an optional dependency of this module: add
 * {@code junit-jupiter} to the test scope to use this package.
 *
 * <p>Nothing is {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.arbiter.eval.junit;

import org.jspecify.annotations.NullMarked;
