/**
 * Verification: how truth enters the loop. A {@link dev.arbiter.authority.verify.Verifier} looks at one
 * {@link dev.arbiter.authority.verify.Candidate} (the generation, the request that produced it and the evidence the
 * model was given) and returns a {@link dev.arbiter.authority.verify.Verdict}: pass, fail with
 * {@link dev.arbiter.authority.verify.Finding}s the model can act on, or a request for human review.
 *
 * <p>Composition: {@code Verdict = AllOf(Guarded(v1), Guarded(v2), ..., Advisory(critique))} — see
 * {@link dev.arbiter.authority.verify.Verifiers}. A verifier that throws fails closed with
 * {@link dev.arbiter.core.FailureMode#VERIFIER_ERROR}; an LLM critique is evidence, never the decision.
 *
 * <p>Every type here is immutable and thread-safe unless it says otherwise. Nothing is {@code null}; absent values
 * are {@link java.util.Optional} return values and collections are never null.
 */
@NullMarked
package dev.arbiter.authority.verify;

import org.jspecify.annotations.NullMarked;
