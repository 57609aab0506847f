package dev.arbiter.authority.verify.grounding.internal;

import dev.arbiter.authority.verify.grounding.GroundingIssue;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.List;
import java.util.Map;

/**
 * Compares negation and certainty between a judged sentence and its aligned evidence sentences: a negation or a
 * hedge on one side only is a change of what is claimed, even when every word occurs. Stateless and thread-safe.
 */
final class Polarity {

    /** Lexical overlap above which the best evidence sentence is taken to state the same thing. */
    static final double SAME_CLAIM = 0.5;

    private Polarity() {
    }

    static void compare(List<Token> tokens, List<Alignment> aligned, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        Token negation = null;
        int negations = 0;
        Token hedge = null;
        Token certain = null;
        for (Token t : tokens) {
            if (Lexicon.isNegation(t.lower(), t.stem())) {
                negations++;
                negation = negation == null ? t : negation;
            }
            if (Lexicon.HEDGES.contains(t.lower()) || Lexicon.HEDGES.contains(t.stem())) {
                hedge = hedge == null ? t : hedge;
            }
            if (Lexicon.CERTAINTY.contains(t.lower()) || Lexicon.CERTAINTY.contains(t.stem())) {
                certain = certain == null ? t : certain;
            }
        }
        if (aligned.isEmpty()) {
            return;
        }
        int alignedNegations = 0;
        int alignedHedges = 0;
        for (Alignment a : aligned) {
            alignedNegations = Math.max(alignedNegations, a.sentence().negations());
            alignedHedges = Math.max(alignedHedges, a.sentence().hedges());
        }
        Alignment best = aligned.get(0);
        if (negation != null && alignedNegations == 0) {
            values.put(Kind.NEGATION_ADDED, 1.0);
            issues.add(issue(Kind.NEGATION_ADDED, negation, "'" + negation.text()
                    + "' negates a claim that the matching evidence states without negation"));
        } else if (negation == null && best.lexical() >= SAME_CLAIM && best.sentence().negations() > 0) {
            values.put(Kind.NEGATION_REMOVED, 1.0);
            issues.add(new GroundingIssue(Kind.NEGATION_REMOVED, "", -1, -1,
                    "the matching evidence negates this claim: \"" + best.sentence().text() + "\""));
        }
        if (hedge != null && alignedHedges == 0) {
            values.put(Kind.MODALITY, 1.0);
            issues.add(issue(Kind.MODALITY, hedge, "'" + hedge.text()
                    + "' hedges a claim that the matching evidence states as fact"));
        } else if (hedge == null && certain != null && alignedHedges > 0) {
            values.put(Kind.MODALITY, 1.0);
            issues.add(issue(Kind.MODALITY, certain, "'" + certain.text()
                    + "' asserts what the matching evidence only says is possible"));
        }
    }

    private static GroundingIssue issue(Kind kind, Token t, String message) {
        return new GroundingIssue(kind, t.text(), t.start(), t.end(), message);
    }
}
