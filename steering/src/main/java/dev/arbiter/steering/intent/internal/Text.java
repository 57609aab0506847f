package dev.arbiter.steering.intent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Whitespace normalisation of contract text, so that layout in a file never changes meaning. Thread-safe. */
public final class Text {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private Text() {}

    /** Returns prose with leading and trailing whitespace removed and every run of whitespace made one space. */
    public static String prose(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /**
     * Returns a block of text whose line breaks matter: line endings become {@code \n}, trailing whitespace of
     * each line and leading and trailing blank lines are removed; indentation is kept.
     */
    public static String block(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            kept.add(line.stripTrailing());
        }
        int start = 0;
        while (start < kept.size() && kept.get(start).isEmpty()) start++;
        int end = kept.size();
        while (end > start && kept.get(end - 1).isEmpty()) end--;
        return String.join("\n", kept.subList(start, end));
    }
}
