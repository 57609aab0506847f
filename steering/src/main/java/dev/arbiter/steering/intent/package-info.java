/**
 * Intent contracts: what the model is asked to do, for whom, under which rules, and how success is judged.
 *
 * <p>{@link dev.arbiter.steering.intent.IntentContract} is built in code or loaded from YAML or JSON files that
 * people who are not engineers write; {@link dev.arbiter.steering.intent.IntentContract#lint()} finds missing and
 * contradictory parts before anything is sent to a model, {@link dev.arbiter.steering.intent.IntentContract#render()}
 * produces the system instructions and {@link dev.arbiter.steering.intent.IntentContract#fingerprint()} identifies
 * the contract's meaning in provenance records.
 *
 * <p>Every value in this package is immutable and thread-safe. Nothing is {@code null}; absent values are empty
 * strings, empty lists or {@link java.util.Optional}.
 */
@NullMarked
package dev.arbiter.steering.intent;

import org.jspecify.annotations.NullMarked;
