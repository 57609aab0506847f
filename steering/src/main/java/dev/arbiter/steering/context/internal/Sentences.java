package dev.arbiter.steering.context.internal;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentence boundaries of a text, for cutting QUOTE items: a cut keeps whole sentences from the start.
 *
 * <p>Boundaries come from the JDK's sentence {@link BreakIterator} (locale-neutral rules: terminal punctuation
 * followed by space and a capital letter), plus paragraph breaks (a blank line), so headings, lists and code
 * without punctuation can be cut between paragraphs. Immutable.
 */
public final class Sentences {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n\\s*");

    private final String text;
    private final int[] ends;

    private Sentences(String text, int[] ends) {
        this.text = text;
        this.ends = ends;
    }

    /** Splits the text into sentences; blank stretches do not count as sentences. */
    public static Sentences of(String text) {
        TreeSet<Integer> boundaries = new TreeSet<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
            boundaries.add(b);
        }
        Matcher m = PARAGRAPH_BREAK.matcher(text);
        while (m.find()) {
            boundaries.add(m.end());
        }
        boundaries.add(text.length());
        List<Integer> ends = new ArrayList<>();
        int start = 0;
        for (int end : boundaries) {
            if (end > start && !text.substring(start, end).isBlank()) {
                ends.add(end);
            }
            start = Math.max(start, end);
        }
        return new Sentences(text, ends.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Returns the number of sentences. */
    public int count() {
        return ends.length;
    }

    /**
     * Returns the first {@code k} sentences, exactly as in the text, without trailing whitespace.
     *
     * @throws IllegalArgumentException unless {@code 1 <= k <= count()}
     */
    public String prefix(int k) {
        if (k < 1 || k > ends.length) {
            throw new IllegalArgumentException("sentence count must be in [1, " + ends.length + "], was " + k);
        }
        return text.substring(0, ends[k - 1]).stripTrailing();
    }
}
