package dev.arbiter.authority.verify.grounding.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits prose into sentences, keeping each sentence's character offsets in the original text.
 *
 * <p>A sentence ends at {@code .}, {@code !} or {@code ?} (plus any closing quotes or brackets) followed by
 * whitespace, or at a blank line or a line break. It does not end inside a decimal ({@code 3.5}), after a known
 * abbreviation ({@code Mr.}, {@code Inc.}, {@code e.g.}, {@code U.S.} before a lower-case word), after a single
 * initial ({@code J. Smith}), or when the next word starts in lower case. Stateless and thread-safe.
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "inc", "ltd", "co", "corp",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos",
            "approx", "dept", "est", "fig", "figs", "gen", "gov", "sen", "rep", "rev", "col", "capt", "lt", "sgt",
            "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "ph.d", "al", "cf", "vol", "pp", "op", "mgr");

    /** A sentence: its text and its half-open character range in the source text. */
    public record Span(String text, int start, int end) {
    }

    private SentenceSplitter() {
    }

    /** Returns the sentences of {@code text} in order; blank text gives an empty list. */
    public static List<Span> split(String text) {
        List<Span> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                add(text, start, i, out);
                start = i + 1;
            } else if ((c == '.' || c == '!' || c == '?') && endsSentence(text, i)) {
                int end = i + 1;
                while (end < n && isCloser(text.charAt(end))) {
                    end++;
                }
                add(text, start, end, out);
                start = end;
                i = end - 1;
            }
        }
        add(text, start, n, out);
        return out;
    }

    private static boolean endsSentence(String text, int i) {
        int n = text.length();
        int j = i + 1;
        while (j < n && (isCloser(text.charAt(j)) || text.charAt(j) == '.' || text.charAt(j) == '!'
                || text.charAt(j) == '?')) {
            j++;
        }
        if (j >= n) {
            return true;
        }
        if (!Character.isWhitespace(text.charAt(j))) {
            return false; // 3.5, U.S.A, example.com, "yes."Then is rare enough to keep together
        }
        while (j < n && Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '\n') {
            j++;
        }
        if (j >= n || text.charAt(j) == '\n') {
            return true;
        }
        char next = text.charAt(j);
        if (Character.isLowerCase(next)) {
            return false;
        }
        if (text.charAt(i) != '.') {
            return true;
        }
        String word = wordBefore(text, i);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return false; // an initial: J. Smith
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(lower)) {
            // "U.S. Steel" keeps going; "in the U.S. The next" is ambiguous: treat capitalised
            // titles and company suffixes as mid-sentence only when a name follows.
            return lower.equals("etc") || lower.equals("inc") || lower.equals("ltd") || lower.equals("co")
                    || lower.equals("corp") || lower.equals("u.s") || lower.equals("u.k")
                    ? startsCommonSentenceWord(text, j) : false;
        }
        return true;
    }

    private static boolean startsCommonSentenceWord(String text, int j) {
        int k = j;
        while (k < text.length() && Character.isLetter(text.charAt(k))) {
            k++;
        }
        String w = text.substring(j, k).toLowerCase(Locale.ROOT);
        return Lexicon.STOPWORDS.contains(w);
    }

    private static String wordBefore(String text, int dot) {
        int k = dot;
        while (k > 0 && (Character.isLetter(text.charAt(k - 1)) || text.charAt(k - 1) == '.')) {
            k--;
        }
        return text.substring(k, dot);
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201d' || c == '\u2019';
    }

    private static void add(String text, int start, int end, List<Span> out) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (e > s) {
            out.add(new Span(text.substring(s, e), s, e));
        }
    }
}
