package dev.arbiter.steering.context.internal;

import java.util.List;

/**
 * Where a match of an injection rule's pattern can start, read off the pattern's top-level alternatives: every
 * position at which some alternative could match is covered by one of these, so trying the pattern only there finds
 * exactly what {@code Matcher.find()} finds. A superset is harmless (a position where nothing matches costs one
 * failed attempt); a missing position would lose matches, which {@code InjectionScanTest} checks against the plain
 * scan.
 *
 * @param words literals (lower-case) that a {@code \b} precedes in the pattern: a match may start where one of them
 *     starts and the character before is not an ASCII word character
 * @param at characters at which a match may start
 * @param after characters right after which a match may start
 * @param afterSpaced characters after which, once one whitespace character ({@code \s}) follows, a match may start
 * @param fromTextStart whether a match may start at the start of the text
 * @param follow what must follow a candidate start
 */
public record RuleStarts(List<String> words, String at, String after, String afterSpaced, boolean fromTextStart,
        Follow follow) {

    /**
     * What must follow a candidate start for a match to be possible there: a cheap test, true wherever a match can
     * start (a superset, like the starts themselves), that spares the pattern most candidates in ordinary prose.
     */
    @FunctionalInterface
    public interface Follow {
        /**
         * Returns false only where no match of the rule can start.
         *
         * @param view the normalised view, or an ASCII text read as its normalised view: a test must then give the
         *     same answer as on the text lower-cased (count ASCII upper-case letters as their lower-case letters)
         * @param start the candidate start
         */
        boolean mayStartAt(String view, int start);

        /** Accepts every candidate. */
        Follow ANY = (view, start) -> true;
    }

    /** Line terminators after which a multi-line {@code ^} matches. */
    static final String LINE_ENDS = "\n\r\u0085\u2028\u2029";

    public RuleStarts {
        words = List.copyOf(words);
    }

    static RuleStarts ofWords(String... words) {
        return new RuleStarts(List.of(words), "", "", "", false, Follow.ANY);
    }

    RuleStarts atChars(String chars) {
        return new RuleStarts(words, at + chars, after, afterSpaced, fromTextStart, follow);
    }

    RuleStarts afterChars(String chars) {
        return new RuleStarts(words, at, after + chars, afterSpaced, fromTextStart, follow);
    }

    RuleStarts afterCharsSpaced(String chars) {
        return new RuleStarts(words, at, after, afterSpaced + chars, fromTextStart, follow);
    }

    RuleStarts withTextStart() {
        return new RuleStarts(words, at, after, afterSpaced, true, follow);
    }

    RuleStarts followedBy(Follow test) {
        return new RuleStarts(words, at, after, afterSpaced, fromTextStart, test);
    }

    /** Returns the offset after the whitespace ({@code \s} of java.util.regex, any amount) at {@code i}. */
    static int skipSpaces(String view, int i) {
        while (i < view.length()) {
            char c = view.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Returns the offset after the ASCII word characters at {@code i}. */
    static int skipWord(String view, int i) {
        while (i < view.length()) {
            char c = view.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Lower-case ASCII literals, to test whether one starts at a position of a normalised view, or of an ASCII text
     * read as its normalised view: ASCII upper-case letters in the text count as their lower-case letters (a view
     * has none). Looks only at the literals that begin with the character there. Immutable.
     */
    static final class Literals {
        /** Per ASCII character: the literals that begin with it, as char arrays, or null. */
        private final char[][][] byFirst = new char[128][][];

        Literals(List<String> literals) {
            for (String l : literals) {
                if (l.isEmpty() || !l.chars().allMatch(c -> c < 128 && !(c >= 'A' && c <= 'Z'))) {
                    throw new IllegalArgumentException("literal must be non-empty lower-case ASCII: " + l);
                }
                char[][] old = byFirst[l.charAt(0)];
                char[][] grown = old == null ? new char[1][] : java.util.Arrays.copyOf(old, old.length + 1);
                grown[grown.length - 1] = l.toCharArray();
                byFirst[l.charAt(0)] = grown;
            }
        }

        /** Returns whether one of the literals starts at {@code i} (as {@code view.startsWith(literal, i)}). */
        boolean at(String text, int i) {
            if (i < 0 || i >= text.length()) {
                return false;
            }
            char c = fold(text.charAt(i));
            if (c >= 128) {
                return false;
            }
            char[][] candidates = byFirst[c];
            if (candidates == null) {
                return false;
            }
            for (char[] l : candidates) {
                if (i + l.length <= text.length() && matches(text, i, l)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(String text, int i, char[] l) {
            for (int k = 1; k < l.length; k++) {
                if (fold(text.charAt(i + k)) != l[k]) {
                    return false;
                }
            }
            return true;
        }

        private static char fold(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }

    /** Line starts of a multi-line {@code ^}: the text's start and right after each line terminator. */
    RuleStarts lineStarts() {
        return withTextStart().afterChars(LINE_ENDS);
    }
}
