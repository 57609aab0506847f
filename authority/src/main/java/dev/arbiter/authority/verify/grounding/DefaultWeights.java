package dev.arbiter.authority.verify.grounding;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.EnumMap;
import java.util.Map;

/**
 * The default weights, fitted on the train half of the SummEdits rows and printed by
 * {@code arbiter verify grounding FILE --fit} (see {@code docs/verification.md ("GroundingVerifier")}). Signals at 0 did
 * not help on the train half; they are still computed and reported as issues.
 */
final class DefaultWeights {

    static final double BIAS = -0.1606;

    private DefaultWeights() {
    }

    static Map<Kind, Double> weights() {
        Map<Kind, Double> w = new EnumMap<>(Kind.class);
        w.put(Kind.UNSUPPORTED_NUMBER, 1.1068);
        w.put(Kind.NUMBER_MISMATCH, 0.1071);
        w.put(Kind.UNSUPPORTED_ENTITY, 0.9560);
        w.put(Kind.SWAPPED_TERM, 0.7001);
        w.put(Kind.ANTONYM, 0.5959);
        w.put(Kind.NEGATION_ADDED, 1.3193);
        w.put(Kind.NEGATION_REMOVED, 0.0754);
        w.put(Kind.MODALITY, 0.0006);
        w.put(Kind.ROLE_SWAP, 0.0000);
        w.put(Kind.NOVEL_CONTENT, 0.0000);
        w.put(Kind.WEAK_ALIGNMENT, 0.0000);
        return w;
    }
}
