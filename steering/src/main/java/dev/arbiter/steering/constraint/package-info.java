/**
 * Output constraints: what shape the answer must take and what a step may spend.
 *
 * <p>{@link dev.arbiter.steering.constraint.OutputSpec} holds the JSON Schema of the answer, the citation rule,
 * the {@link dev.arbiter.steering.constraint.Budget}, stop conditions and offered tools.
 * {@link dev.arbiter.steering.constraint.ProviderSchemas} converts a full JSON Schema into the strictest form a
 * provider enforces natively, saying what was relaxed; the full schema stays the one verification checks.
 * {@link dev.arbiter.steering.constraint.JsonSchemas} makes schemas from text, files and Java types.
 *
 * <p>Every value in this package is immutable and thread-safe. Nothing is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
@NullMarked
package dev.arbiter.steering.constraint;

import org.jspecify.annotations.NullMarked;
