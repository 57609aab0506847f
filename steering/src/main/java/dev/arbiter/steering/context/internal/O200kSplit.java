package dev.arbiter.steering.context.internal;

/**
 * o200k_base's split expression, written out by hand: where each piece of a text ends. jtokkit (1.1) splits o200k
 * text with {@code java.util.regex}, which is about 70 % of its counting time (37 ns per character on English); this
 * scan finds the same pieces in a few nanoseconds per character. The expression, compiled by jtokkit with {@code
 * UNICODE_CHARACTER_CLASS} (so {@code UNICODE_CASE}), is seven alternatives tried in order at each position:
 *
 * <pre>
 * A1  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * A2  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * A3  \p{N}{1,3}
 * A4   ?[^\s\p{L}\p{N}]+[\r\n/]*
 * A5  \s*[\r\n]+
 * A6  \s+(?!\S)
 * A7  \s+
 * </pre>
 *
 * Each alternative's backtracking is resolved in closed form (see {@link #end}). Like the regex, the scan steps over
 * code points and classifies them with {@link Character#getType(int)} of the running JVM, so it agrees with the
 * regex on every Unicode version. {@code O200kSplitTest} checks it against the regex on real corpora, on every
 * code point in every position of the alternatives, and on random mixtures of the classes.
 */
final class O200kSplit {

    /** Upper-ish letters and marks, the class {@code [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]}. */
    private static final int UPPER = 1;
    /** Lower-ish letters and marks, the class {@code [\p{Ll}\p{Lm}\p{Lo}\p{M}]}. */
    private static final int LOWER = 2;
    /** {@code \p{L}}. */
    private static final int LETTER = 4;
    /** {@code \p{N}}. */
    private static final int NUMBER = 8;
    /** {@code \s} under {@code UNICODE_CHARACTER_CLASS}: the Unicode White_Space property. */
    private static final int SPACE = 16;
    /** {@code \r} or {@code \n}. */
    private static final int LINE = 32;

    /** The classes of the basic multilingual plane, one byte per char (surrogates: none of the classes). */
    private static final byte[] BMP = new byte[65_536];

    static {
        for (int c = 0; c < BMP.length; c++) {
            BMP[c] = (byte) classify(c);
        }
    }

    private O200kSplit() {}

    /** The classes of one code point, computed as {@code java.util.regex} tests them. */
    static int classify(int cp) {
        int type = Character.getType(cp);
        int k = 0;
        switch (type) {
            case Character.UPPERCASE_LETTER:
            case Character.TITLECASE_LETTER:
                k = UPPER | LETTER;
                break;
            case Character.LOWERCASE_LETTER:
                k = LOWER | LETTER;
                break;
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                k = UPPER | LOWER | LETTER;
                break;
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.COMBINING_SPACING_MARK:
                k = UPPER | LOWER;
                break;
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                k = NUMBER;
                break;
            default:
                break;
        }
        // java.util.regex's White_Space: the separators, U+0009..U+000D and U+0085.
        if (type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (cp >= 0x9 && cp <= 0xd) || cp == 0x85) {
            k |= SPACE;
        }
        if (cp == '\r' || cp == '\n') {
            k |= LINE;
        }
        return k;
    }

    private static int classAt(String s, int i, int n) {
        char c = s.charAt(i);
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
            return BMP[c];
        }
        return classify(Character.toCodePoint(c, s.charAt(i + 1)));
    }

    /** The length in chars of the code point at {@code i}: 2 for a surrogate pair, else 1. */
    private static int width(String s, int i, int n) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
    }

    /** {@code [^\r\n\p{L}\p{N}]}: the optional first code point of A1 and A2. */
    private static boolean isPrefix(int k) {
        return (k & (LINE | LETTER | NUMBER)) == 0;
    }

    /** {@code [^\s\p{L}\p{N}]}: the run of A4. */
    private static boolean isSymbol(int k) {
        return (k & (SPACE | LETTER | NUMBER)) == 0;
    }

    /**
     * Returns where the piece that starts at {@code i} ends: the end of the regex's match found from {@code i}. Every
     * code point starts a match of one of the alternatives, so pieces are contiguous and cover the text.
     *
     * @param s the text
     * @param i the start of the piece, {@code 0 <= i < s.length()}, on a code point boundary
     */
    static int end(String s, int i) {
        int n = s.length();
        int first = classAt(s, i, n);
        int w = width(s, i, n);
        // A1 and A2 try the optional prefix taken first, then not taken.
        if (isPrefix(first)) {
            int e = letters(s, i + w, n, true);
            if (e >= 0) {
                return e;
            }
        }
        int e = letters(s, i, n, true);
        if (e >= 0) {
            return e;
        }
        if (isPrefix(first)) {
            e = letters(s, i + w, n, false);
            if (e >= 0) {
                return e;
            }
        }
        e = letters(s, i, n, false);
        if (e >= 0) {
            return e;
        }
        if ((first & NUMBER) != 0) { // A3
            int j = i + w;
            for (int count = 1; count < 3 && j < n; count++) {
                if ((classAt(s, j, n) & NUMBER) == 0) {
                    break;
                }
                j += width(s, j, n);
            }
            return j;
        }
        e = symbols(s, i, n, first);
        if (e >= 0) {
            return e;
        }
        return spaces(s, i, n);
    }

    /**
     * A1 ({@code lowerRequired}) or A2 after the optional prefix, from {@code j}; -1 when the alternative does not
     * match there.
     */
    private static int letters(String s, int j, int n, boolean lowerRequired) {
        // U* (A1) or U+ (A2), greedy; remember the last code point of the run that is also in the lower class.
        int k = j;
        int lastLower = -1;
        while (k < n) {
            int c = classAt(s, k, n);
            if ((c & UPPER) == 0) {
                break;
            }
            if ((c & LOWER) != 0) {
                lastLower = k;
            }
            k += width(s, k, n);
        }
        int m;
        if (lowerRequired) {
            // L+ after U*: at k if it can, else U* gives back code points to the last one that is also lower.
            int from;
            if (k < n && (classAt(s, k, n) & LOWER) != 0) {
                from = k;
            } else if (lastLower >= 0) {
                from = lastLower;
            } else {
                return -1;
            }
            m = lowerRun(s, from, n);
        } else {
            if (k == j) {
                return -1;
            }
            m = lowerRun(s, k, n);
        }
        return m + contraction(s, m, n);
    }

    private static int lowerRun(String s, int from, int n) {
        int m = from;
        while (m < n && (classAt(s, m, n) & LOWER) != 0) {
            m += width(s, m, n);
        }
        return m;
    }

    /** The length of {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)} at {@code m}, 0 if none. */
    private static int contraction(String s, int m, int n) {
        if (m + 1 >= n || s.charAt(m) != '\'') {
            return 0;
        }
        int c = s.codePointAt(m + 1);
        int cw = Character.charCount(c);
        if (same(c, 's') || same(c, 't') || same(c, 'm') || same(c, 'd')) {
            return 1 + cw;
        }
        int second;
        if (same(c, 'l')) {
            second = 'l';
        } else if (same(c, 'r') || same(c, 'v')) {
            second = 'e';
        } else {
            return 0;
        }
        int at = m + 1 + cw;
        if (at < n && same(s.codePointAt(at), second)) {
            return 1 + cw + Character.charCount(s.codePointAt(at));
        }
        return 0;
    }

    /** {@code java.util.regex}'s case-insensitive match of a code point to a lower-case literal under UNICODE_CASE. */
    private static boolean same(int c, int lower) {
        return c == lower || Character.toLowerCase(Character.toUpperCase(c)) == lower;
    }

    /** A4, {@code  ?[^\s\p{L}\p{N}]+[\r\n/]*}; -1 when it does not match at {@code i}. */
    private static int symbols(String s, int i, int n, int first) {
        int j;
        if (s.charAt(i) == ' ') {
            if (i + 1 >= n || !isSymbol(classAt(s, i + 1, n))) {
                return -1;
            }
            j = i + 1;
        } else if (isSymbol(first)) {
            j = i;
        } else {
            return -1;
        }
        while (j < n && isSymbol(classAt(s, j, n))) {
            j += width(s, j, n);
        }
        while (j < n) {
            char c = s.charAt(j);
            if (c != '\r' && c != '\n' && c != '/') {
                break;
            }
            j++;
        }
        return j;
    }

    /** A5, A6 and A7 at {@code i}, which holds white space (the only code points left by the other alternatives). */
    private static int spaces(String s, int i, int n) {
        int k = i;
        int lastLine = -1;
        while (k < n) {
            int c = BMP[s.charAt(k)]; // every White_Space code point is in the basic plane
            if ((c & SPACE) == 0) {
                break;
            }
            if ((c & LINE) != 0) {
                lastLine = k;
            }
            k++;
        }
        if (k == i) {
            // Not reachable for valid input (every code point is in some alternative); the regex would skip it.
            return i + width(s, i, n);
        }
        if (lastLine >= 0) {
            return lastLine + 1; // A5: \s* gives back to the last line end, [\r\n]+ takes it
        }
        if (k == n || k - i == 1) {
            return k; // A6 at the end of the text, or A7 for a single white space before a non-space
        }
        return k - 1; // A6: the run but its last white space, which starts the next piece
    }
}
