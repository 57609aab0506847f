/**
 * Context assembly: what material goes into a prompt, how much of it, and under which trust label.
 *
 * <p>A {@link dev.arbiter.steering.context.ContextSource} supplies {@link dev.arbiter.steering.context.ContextItem}s
 * for a {@link dev.arbiter.steering.context.ContextQuery}; a {@link dev.arbiter.steering.context.ContextAssembler}
 * packs them into a token budget and returns an {@link dev.arbiter.steering.context.AssembledContext}: the context
 * text, the {@link dev.arbiter.core.Evidence} and a {@link dev.arbiter.steering.context.ContextManifest} that says,
 * per item, what went in, what was cut, summarised or dropped, and why.
 *
 * <p>The order of work inside one assembly is a formula:
 * {@code Verify(Pack(Summarise(Dedupe(Order(Filter(items))))))}: EXCLUDE and empty items are filtered out;
 * the rest are ordered by priority, then relevance to the query, then input order; exact and near duplicates
 * are dropped in favour of the first in that order; SUMMARIZE items are replaced by summaries; items are
 * packed greedily into the budget; the rendered text is counted once more and trimmed until it fits.
 *
 * <p>Untrusted material is rendered inside fences that its content cannot close; instruction-like text in it is
 * flagged by an {@link dev.arbiter.steering.context.InjectionDetector}, never removed.
 *
 * <p>Nothing in this package is {@code null} unless marked otherwise; values are immutable and thread-safe.
 */
@NullMarked
package dev.arbiter.steering.context;

import org.jspecify.annotations.NullMarked;
