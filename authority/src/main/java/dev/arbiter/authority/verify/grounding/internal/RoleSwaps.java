package dev.arbiter.authority.verify.grounding.internal;

import dev.arbiter.authority.verify.grounding.GroundingIssue;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds swapped roles: two names on either side of a verb in the judged sentence ("Smith hired Jones") that the
 * best aligned evidence sentence has in the opposite order around the same verb ("Jones hired Smith"). Passive
 * voice ("by") on either side is left alone. Stateless and thread-safe.
 */
final class RoleSwaps {

    private RoleSwaps() {
    }

    static void find(List<Token> tokens, DocIndex index, List<Alignment> aligned, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        if (aligned.isEmpty() || hasBy(tokens, 0, tokens.size())) {
            return;
        }
        List<Token> doc = aligned.get(0).sentence().tokens();
        List<Integer> names = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.capitalized() && t.isContent() && index.containsWord(t)) {
                names.add(i);
            }
        }
        for (int a = 0; a < names.size(); a++) {
            for (int b = a + 1; b < names.size(); b++) {
                Token first = tokens.get(names.get(a));
                Token second = tokens.get(names.get(b));
                if (first.stem().equals(second.stem())) {
                    continue;
                }
                for (int v = names.get(a) + 1; v < names.get(b); v++) {
                    Token verb = tokens.get(v);
                    if (verb.isContent() && !verb.capitalized() && reversedIn(doc, first, verb, second)) {
                        values.put(Kind.ROLE_SWAP, 1.0);
                        issues.add(new GroundingIssue(Kind.ROLE_SWAP, first.text() + " " + verb.text() + " "
                                + second.text(), first.start(), second.end(), "'" + first.text() + "' and '"
                                + second.text() + "' swap roles: the evidence has " + second.text() + " "
                                + verb.text() + " " + first.text()));
                        return;
                    }
                }
            }
        }
    }

    private static boolean reversedIn(List<Token> doc, Token first, Token verb, Token second) {
        int f = indexOf(doc, first.stem());
        int v = indexOf(doc, verb.stem());
        int s = indexOf(doc, second.stem());
        if (f < 0 || v < 0 || s < 0) {
            return false;
        }
        return s < v && v < f && !hasBy(doc, s, f) && indexOf(doc.subList(0, v), first.stem()) < 0;
    }

    private static int indexOf(List<Token> tokens, String stem) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).stem().equals(stem)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasBy(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).lower().equals("by")) {
                return true;
            }
        }
        return false;
    }
}
