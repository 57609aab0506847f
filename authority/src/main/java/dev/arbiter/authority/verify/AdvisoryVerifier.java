package dev.arbiter.authority.verify;

/**
 * A verifier whose verdict is evidence for a decision, never the decision itself: a check made by a model, such as
 * {@link CritiqueVerifier}.
 *
 * <p>{@link Verifiers#allOf} treats advisory verifiers structurally differently from deterministic ones: they run
 * after every deterministic verifier and only when all of those passed, so an advisory pass can never stand
 * against a deterministic failure; an advisory failure fails the candidate; and a composition of advisory
 * verifiers alone is refused, because a model's approval alone is not a decision.
 *
 * <p>Implement this interface (it adds no method) for any verifier whose judgement comes from a model.
 */
public interface AdvisoryVerifier extends Verifier {}
