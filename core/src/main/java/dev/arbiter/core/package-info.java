/**
 * The shared vocabulary of Arbiter: {@link dev.arbiter.core.Generator} and the values that flow through a
 * governed step ({@link dev.arbiter.core.GenerationRequest}, {@link dev.arbiter.core.Generation},
 * {@link dev.arbiter.core.Evidence}), the failure taxonomy ({@link dev.arbiter.core.FailureMode}) and the
 * exception root ({@link dev.arbiter.core.ArbiterException}).
 *
 * <p>Every value in this package is immutable and thread-safe. Nothing is {@code null} unless marked
 * {@code @Nullable}; absent values are returned as {@link java.util.Optional} and collections are never null.
 */
@NullMarked
package dev.arbiter.core;

import org.jspecify.annotations.NullMarked;
