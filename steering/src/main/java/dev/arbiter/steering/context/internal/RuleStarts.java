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
 */
public record RuleStarts(List<String> words, String at, String after, String afterSpaced, boolean fromTextStart) {

    /** Line terminators after which a multi-line {@code ^} matches. */
    static final String LINE_ENDS = "\n\r\u0085\u2028\u2029";

    public RuleStarts {
        words = List.copyOf(words);
    }

    static RuleStarts ofWords(String... words) {
        return new RuleStarts(List.of(words), "", "", "", false);
    }

    RuleStarts atChars(String chars) {
        return new RuleStarts(words, at + chars, after, afterSpaced, fromTextStart);
    }

    RuleStarts afterChars(String chars) {
        return new RuleStarts(words, at, after + chars, afterSpaced, fromTextStart);
    }

    RuleStarts afterCharsSpaced(String chars) {
        return new RuleStarts(words, at, after, afterSpaced + chars, fromTextStart);
    }

    RuleStarts withTextStart() {
        return new RuleStarts(words, at, after, afterSpaced, true);
    }

    /** Line starts of a multi-line {@code ^}: the text's start and right after each line terminator. */
    RuleStarts lineStarts() {
        return withTextStart().afterChars(LINE_ENDS);
    }
}
