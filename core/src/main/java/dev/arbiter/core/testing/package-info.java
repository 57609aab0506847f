/**
 * Generators for tests, examples and offline runs: {@link dev.arbiter.core.testing.ScriptedGenerator} answers
 * from a script written in code, {@link dev.arbiter.core.testing.CassetteRecorder} records what a real
 * generator answered to a JSON Lines file, and {@link dev.arbiter.core.testing.CassettePlayer} replays such a
 * file without a network, key or server.
 *
 * <p>None of them ever invents an answer: a request the script or cassette does not cover fails with an
 * {@link java.lang.IllegalStateException} that names the request's digest. All of them are thread-safe.
 * Nothing is {@code null} unless marked {@code @Nullable}.
 *
 * <pre>{@code
 * // record once against the real model ...
 * Generator recording = CassetteRecorder.of(realGenerator, Path.of("src/test/resources/invoice.jsonl"));
 * // ... then replay in every test run
 * Generator replay = CassettePlayer.load(Path.of("src/test/resources/invoice.jsonl"));
 * }</pre>
 */
@NullMarked
package dev.arbiter.core.testing;

import org.jspecify.annotations.NullMarked;
