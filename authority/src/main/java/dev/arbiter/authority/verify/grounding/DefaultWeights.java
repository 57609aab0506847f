package dev.arbiter.authority.verify.grounding;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.EnumMap;
import java.util.Map;

/**
 * The default weights, fitted on the train half of the SummEdits rows and printed by
 * {@code arbiter verify grounding FILE --fit} (see {@code docs/grounding.md}). Signals at 0 did
 * not help on the train half; they are still computed and reported as issues.
 */
final class DefaultWeights {

    static final double BIAS = -0.3560;

    private DefaultWeights() {
    }

    static Map<Kind, Double> weights() {
        Map<Kind, Double> w = new EnumMap<>(Kind.class);
        w.put(Kind.UNSUPPORTED_NUMBER, 1.8331);
        w.put(Kind.NUMBER_MISMATCH, 0.2548);
        w.put(Kind.UNSUPPORTED_ENTITY, 1.7556);
        w.put(Kind.SWAPPED_TERM, 0.9989);
        w.put(Kind.ANTONYM, 0.8496);
        w.put(Kind.NEGATION_ADDED, 2.5234);
        w.put(Kind.NEGATION_REMOVED, 0.4573);
        w.put(Kind.MODALITY, 0.0005);
        w.put(Kind.ROLE_SWAP, 0.0000);
        w.put(Kind.NOVEL_CONTENT, 0.0000);
        w.put(Kind.WEAK_ALIGNMENT, 0.0000);
        return w;
    }
}
