package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.QuoteNormalization;
import java.util.Set;

/**
 * A text after {@link QuoteNormalization}, with the position in the original text of every normalised character, so a
 * match in the normalised text maps back to a span of the original. Immutable.
 */
public final class NormalizedText {

    private final String text;
    private final int[] start;
    private final int[] end;

    private NormalizedText(String text, int[] start, int[] end) {
        this.text = text;
        this.start = start;
        this.end = end;
    }

    /** Returns the normalised form of the original. */
    public static NormalizedText of(String original, Set<QuoteNormalization> normalizations) {
        boolean ws = normalizations.contains(QuoteNormalization.WHITESPACE);
        boolean typo = normalizations.contains(QuoteNormalization.TYPOGRAPHY);
        boolean lower = normalizations.contains(QuoteNormalization.CASE);
        StringBuilder out = new StringBuilder(original.length());
        int[] s = new int[original.length() + 16];
        int[] e = new int[original.length() + 16];
        int n = 0;
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            String mapped = typo ? typographic(cp) : null;
            if (mapped == null && !(ws && isSpace(cp))) {
                // the common case, one char in, one char out: no String per character
                int single = lower ? Character.toLowerCase(cp) : cp;
                if (Character.isBmpCodePoint(single)) {
                    if (n + 2 > s.length) {
                        s = java.util.Arrays.copyOf(s, s.length * 2);
                        e = java.util.Arrays.copyOf(e, e.length * 2);
                    }
                    out.append((char) single);
                    s[n] = i;
                    e[n] = next;
                    n++;
                    i = next;
                    continue;
                }
            }
            if (mapped == null && ws && isSpace(cp)) {
                mapped = " "; // collapsed below; only its position matters
            } else if (mapped == null) {
                mapped = new String(Character.toChars(lower ? Character.toLowerCase(cp) : cp));
            } else if (lower) {
                mapped = mapped.toLowerCase(java.util.Locale.ROOT);
            }
            if (n + mapped.length() + 1 > s.length) {
                s = java.util.Arrays.copyOf(s, s.length * 2);
                e = java.util.Arrays.copyOf(e, e.length * 2);
            }
            if (ws && isSpace(cp)) {
                if (n > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                    s[n] = i;
                    e[n] = next;
                    n++;
                } else if (n > 0) {
                    e[n - 1] = next;
                }
            } else {
                for (int k = 0; k < mapped.length(); k++) {
                    out.append(mapped.charAt(k));
                    s[n] = i;
                    e[n] = next;
                    n++;
                }
            }
            i = next;
        }
        if (ws && n > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
            n--;
        }
        return new NormalizedText(out.toString(), java.util.Arrays.copyOf(s, n), java.util.Arrays.copyOf(e, n));
    }

    /** Returns the normalised text. */
    public String text() {
        return text;
    }

    /** Returns the index in the original of the normalised character at {@code index}. */
    public int originalStart(int index) {
        return start[index];
    }

    /** Returns the index in the original one past the normalised character at {@code index}. */
    public int originalEnd(int index) {
        return end[index];
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || cp == '\u00A0' || cp == '\u2007' || cp == '\u202F';
    }

    private static String typographic(int cp) {
        switch (cp) {
            case '\u2018': case '\u2019': case '\u201A': case '\u201B': case '\u2032': case '\u00B4': case '\u0060':
                return "'";
            case '\u201C': case '\u201D': case '\u201E': case '\u201F': case '\u2033': case '\u00AB': case '\u00BB':
                return "\"";
            case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2015': case '\u2212':
                return "-";
            case '\u2026':
                return "...";
            case '\u00AD':
                return "";
            default:
                return null;
        }
    }
}
