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
        /** Returns false only where no match of the rule can start. */
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

    /** Returns whether one of the literals starts at {@code i}. */
    static boolean startsWithAny(String view, int i, List<String> literals) {
        for (String l : literals) {
            if (view.startsWith(l, i)) {
                return true;
            }
        }
        return false;
    }

    /** Line starts of a multi-line {@code ^}: the text's start and right after each line terminator. */
    RuleStarts lineStarts() {
        return withTextStart().afterChars(LINE_ENDS);
    }
}
