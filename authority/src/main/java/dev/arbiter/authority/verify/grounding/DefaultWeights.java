package dev.arbiter.authority.verify.grounding;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.EnumMap;
import java.util.Map;

/** The fitted default weights, as printed by the refit command (see {@code docs/grounding.md}). */
final class DefaultWeights {

    static final double BIAS = -1.0;

    private DefaultWeights() {
    }

    static Map<Kind, Double> weights() {
        Map<Kind, Double> w = new EnumMap<>(Kind.class);
        w.put(Kind.UNSUPPORTED_NUMBER, 1.5);
        w.put(Kind.UNSUPPORTED_ENTITY, 1.5);
        w.put(Kind.SWAPPED_TERM, 1.0);
        w.put(Kind.ANTONYM, 1.0);
        w.put(Kind.NEGATION_ADDED, 1.0);
        w.put(Kind.NEGATION_REMOVED, 0.5);
        w.put(Kind.MODALITY, 0.5);
        w.put(Kind.ROLE_SWAP, 1.5);
        w.put(Kind.NOVEL_CONTENT, 0.5);
        w.put(Kind.WEAK_ALIGNMENT, 0.5);
        return w;
    }
}
