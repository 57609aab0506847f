package dev.arbiter.authority.verify.grounding.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one sentence into word and number tokens with offsets. Stateless and thread-safe. The pattern's
 * repetitions are possessive: they match exactly what the greedy ones did, but java.util.regex does not recurse
 * once per repetition, so a token like {@code 1,1,1,…} of any length cannot overflow the stack.
 */
public final class Tokenizer {

    private static final Pattern TOKEN = Pattern.compile(
            "\\d+(?:[.,]\\d+)*+|[\\p{L}][\\p{L}\\p{M}\\d]*+(?:[.'\u2019][\\p{L}]++)*+\\.?");

    private Tokenizer() {
    }

    /**
     * Returns the tokens of {@code sentence}; offsets are shifted by {@code offset} so they point into the
     * text the sentence came from.
     */
    public static List<Token> tokenize(String sentence, int offset) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(sentence);
        boolean first = true;
        while (m.find()) {
            String t = m.group();
            if (t.endsWith(".") && !isInitialism(t)) {
                t = t.substring(0, t.length() - 1);
            }
            String lower = t.toLowerCase(Locale.ROOT);
            boolean cap = Character.isUpperCase(t.charAt(0));
            boolean numeric = Character.isDigit(t.charAt(0));
            String stem = numeric ? lower.replace(",", "") : Stemmer.stem(lower.replace(".", ""));
            out.add(new Token(t, lower, stem, offset + m.start(), offset + m.start() + t.length(), cap, first));
            first = false;
        }
        return out;
    }

    private static boolean isInitialism(String t) {
        return t.length() >= 4 && t.indexOf('.') < t.length() - 1; // U.S. / U.K. / e.g.
    }
}
