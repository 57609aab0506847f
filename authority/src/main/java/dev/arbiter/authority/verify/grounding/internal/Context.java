package dev.arbiter.authority.verify.grounding.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a word of a judged sentence and a word of an aligned evidence sentence stand in the same
 * context: some content stem within {@link #WINDOW} tokens of one is within {@link #WINDOW} tokens of the other.
 * This keeps "profits rose" vs "costs fell" from counting as an antonym swap. Stateless and thread-safe.
 */
final class Context {

    static final int WINDOW = 4;

    private Context() {
    }

    /** Returns whether the token at {@code i} shares context with an occurrence of {@code stem} in the alignment. */
    static boolean shared(List<Token> tokens, int i, List<Alignment> aligned, String stem) {
        Set<String> mine = around(tokens, i);
        for (Alignment a : aligned) {
            List<Token> doc = a.sentence().tokens();
            for (int j = 0; j < doc.size(); j++) {
                if (doc.get(j).stem().equals(stem)) {
                    Set<String> theirs = around(doc, j);
                    theirs.retainAll(mine);
                    if (!theirs.isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Set<String> around(List<Token> tokens, int i) {
        Set<String> out = new HashSet<>();
        for (int j = Math.max(0, i - WINDOW); j <= Math.min(tokens.size() - 1, i + WINDOW); j++) {
            if (j != i && tokens.get(j).isContent()) {
                out.add(tokens.get(j).stem());
            }
        }
        return out;
    }
}
