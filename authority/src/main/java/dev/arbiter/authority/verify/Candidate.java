package dev.arbiter.authority.verify;

import dev.arbiter.core.Evidence;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import java.util.Objects;

/**
 * What a verifier judges: one generation, the request that produced it, and the evidence the model was given.
 *
 * <p>A record so it can grow (new components come with new factories) without breaking verifiers. Immutable and
 * thread-safe.
 *
 * @param generation the candidate output
 * @param request the request that produced it (its response schema, its messages)
 * @param evidence the sources the model was given; {@link Evidence#empty()} when none
 */
public record Candidate(Generation generation, GenerationRequest request, Evidence evidence) {

    public Candidate {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** Returns a candidate. */
    public static Candidate of(Generation generation, GenerationRequest request, Evidence evidence) {
        return new Candidate(generation, request, evidence);
    }

    /** Returns a candidate with no evidence. */
    public static Candidate of(Generation generation, GenerationRequest request) {
        return new Candidate(generation, request, Evidence.empty());
    }

    /** Returns the generation's text (empty when the model produced only tool calls). */
    public String text() {
        return generation.text();
    }

    /** Returns this candidate with another generation (a repaired attempt for the same request and evidence). */
    public Candidate withGeneration(Generation other) {
        return new Candidate(other, request, evidence);
    }
}
