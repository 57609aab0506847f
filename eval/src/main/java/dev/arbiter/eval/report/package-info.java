/**
 * Reports of eval runs and comparisons: {@link dev.arbiter.eval.report.JsonReport} (the stable JSON format, also
 * read back as a baseline), {@link dev.arbiter.eval.report.HtmlReport} (one self-contained file with charts) and
 * {@link dev.arbiter.eval.report.JUnitXmlReport} (for CI systems); {@link dev.arbiter.eval.report.Reports} writes
 * all of them into one directory.
 *
 * <p>Every class here is stateless and thread-safe. Nothing is {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.arbiter.eval.report;

import org.jspecify.annotations.NullMarked;
