package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.QuoteNormalization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a quote in a source under the configured normalisations, and, when it is not there, the source's passage most
 * like it. Thread-safe.
 */
public final class QuoteMatcher {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Set<QuoteNormalization> normalizations;

    /** Creates a matcher with the given normalisations. */
    public QuoteMatcher(Set<QuoteNormalization> normalizations) {
        this.normalizations = Set.copyOf(normalizations);
    }

    /** Returns the normalised form of a source, to search many quotes in it. */
    public NormalizedText prepare(String source) {
        return NormalizedText.of(source, normalizations);
    }

    /** A span {@code [start, end)} of the original source. */
    public record Span(int start, int end) {}

    /** Returns where the quote is in the source, or empty; an empty quote is found nowhere. */
    public Optional<Span> find(String quote, NormalizedText source) {
        String q = NormalizedText.of(quote, normalizations).text();
        if (q.isEmpty()) {
            return Optional.empty();
        }
        int at = source.text().indexOf(q);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(new Span(source.originalStart(at), source.originalEnd(at + q.length() - 1)));
    }

    /**
     * Returns the passage of the source with the most words in common with the quote: a window as many words long as
     * the quote, scored by shared words (counted with multiplicity, case-insensitive). Empty when fewer than half of
     * the quote's words (and fewer than two) are in any window. Linear in the source's length.
     */
    public Optional<String> closestPassage(String quote, String source) {
        List<String> q = words(quote, null);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> need = new HashMap<>();
        q.forEach(w -> need.merge(w, 1, Integer::sum));
        List<int[]> positions = new ArrayList<>();
        List<String> s = words(source, positions);
        int width = Math.min(q.size(), s.size());
        Map<String, Integer> window = new HashMap<>();
        int shared = 0;
        int best = 0;
        int bestStart = -1;
        for (int i = 0; i < s.size(); i++) {
            shared += add(window, need, s.get(i), 1);
            if (i >= width) {
                shared += add(window, need, s.get(i - width), -1);
            }
            if (i >= width - 1 && shared > best) {
                best = shared;
                bestStart = i - width + 1;
            }
        }
        if (bestStart < 0 || best < 2 || best * 2 < q.size()) {
            return Optional.empty();
        }
        int from = positions.get(bestStart)[0];
        int to = positions.get(bestStart + width - 1)[1];
        return Optional.of(source.substring(from, to));
    }

    /** Adds (+1) or removes (-1) a word from the window; returns the change in words shared with the quote. */
    private static int add(Map<String, Integer> window, Map<String, Integer> need, String word, int delta) {
        int wanted = need.getOrDefault(word, 0);
        if (wanted == 0) {
            return 0;
        }
        int before = window.getOrDefault(word, 0);
        int after = before + delta;
        window.put(word, after);
        return Math.min(after, wanted) - Math.min(before, wanted);
    }

    private static List<String> words(String text, List<int[]> positions) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
            if (positions != null) {
                positions.add(new int[] {m.start(), m.end()});
            }
        }
        return words;
    }
}
