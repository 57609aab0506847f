package dev.arbiter.eval.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small text helpers: previews and normalization. Stateless and thread-safe. */
public final class Text {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PUNCTUATION = Pattern.compile("[.,](?!\\d)|(?<!\\d)[.,]|[\\p{P}\\p{S}&&[^.,$€£%+-]]");

    private Text() {}

    /** Returns the text cut to at most {@code max} characters, with an ellipsis when cut, on one line. */
    public static String preview(String text, int max) {
        String one = text.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() <= max ? one : one.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** Returns the text cut to at most {@code max} characters, with an ellipsis when cut; line breaks kept. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }

    /**
     * Normalizes text for comparison: Unicode NFKC, lower case, punctuation removed (currency, percent and sign
     * characters kept, and points and commas between digits), whitespace collapsed and trimmed; each step only when asked.
     */
    public static String normalize(String text, boolean unicode, boolean lowerCase, boolean punctuation,
            boolean whitespace) {
        String s = unicode ? Normalizer.normalize(text, Normalizer.Form.NFKC) : text;
        if (lowerCase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (punctuation) {
            s = PUNCTUATION.matcher(s).replaceAll("");
        }
        if (whitespace) {
            s = WHITESPACE.matcher(s).replaceAll(" ").strip();
        }
        return s;
    }
}
