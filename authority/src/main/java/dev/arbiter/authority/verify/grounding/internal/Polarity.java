package dev.arbiter.authority.verify.grounding.internal;

import dev.arbiter.authority.verify.grounding.GroundingIssue;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Compares negation and certainty between a judged sentence and its aligned evidence sentences: a negation or a
 * hedge on one side only is a change of what is claimed, even when every word occurs. Stateless and thread-safe.
 */
final class Polarity {

    /** Lexical overlap above which the best evidence sentence is taken to state the same thing. */
    static final double SAME_CLAIM = 0.5;
    /** How many content words after a negation cue count as what it negates. */
    static final int PREDICATE = 3;

    private Polarity() {
    }

    static void compare(List<Token> tokens, DocIndex index, List<Alignment> aligned, Map<Kind, Double> values,
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
        if (negation != null && alignedNegations == 0
                && predicate(tokens, tokens.indexOf(negation)).stream().anyMatch(index::containsStem)) {
            values.put(Kind.NEGATION_ADDED, 1.0);
            issues.add(issue(Kind.NEGATION_ADDED, negation, "'" + negation.text()
                    + "' negates a claim that the matching evidence states without negation"));
        } else if (negation == null && best.lexical() >= SAME_CLAIM && negatesRestatedPredicate(best, tokens)) {
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

    /** Returns whether a negation of the evidence sentence governs words the judged sentence restates. */
    private static boolean negatesRestatedPredicate(Alignment best, List<Token> tokens) {
        Set<String> mine = new HashSet<>();
        tokens.forEach(t -> mine.add(t.stem()));
        List<Token> doc = best.sentence().tokens();
        for (int j = 0; j < doc.size(); j++) {
            if (Lexicon.isNegation(doc.get(j).lower(), doc.get(j).stem())) {
                Set<String> predicate = predicate(doc, j);
                long restated = predicate.stream().filter(mine::contains).count();
                if (!predicate.isEmpty() && restated >= Math.min(2, predicate.size())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns up to {@link #PREDICATE} content stems that follow the negation cue at {@code i}: what it negates. */
    private static Set<String> predicate(List<Token> tokens, int i) {
        Set<String> out = new HashSet<>();
        for (int k = i + 1; k < tokens.size() && k <= i + PREDICATE + 2 && out.size() < PREDICATE; k++) {
            if (tokens.get(k).isContent() && !tokens.get(k).isNumeric()) {
                out.add(tokens.get(k).stem());
            }
        }
        return out;
    }

    private static GroundingIssue issue(Kind kind, Token t, String message) {
        return new GroundingIssue(kind, t.text(), t.start(), t.end(), message);
    }
}
