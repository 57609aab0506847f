package dev.arbiter.authority.permission.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How values are compared for value provenance and for allow and deny lists.
 *
 * <p>Normalisation ({@link #normalize}): Unicode NFKC; surrounding white space and quotes removed; lower case (so
 * e-mail addresses, names and IBANs match whatever their case); trailing dots removed ({@code Alice.});
 * URL forms reduced ({@code https://}, {@code http://} and a leading {@code www.} removed, a trailing {@code /}
 * removed); values that look like IBANs or phone numbers (at least five digits, only letters, digits, {@code +},
 * spaces, hyphens and parentheses) lose their spaces, hyphens and parentheses.
 *
 * <p>A value <em>appears</em> in a text ({@link #appearsIn}) when its normalised form occurs in the lower-cased
 * NFKC text, ignoring case, as a whole token: not preceded or followed by a letter, digit, {@code _} or {@code -},
 * and not followed by a dot and a lower-case letter or digit (so {@code bank.com} does not appear in
 * {@code bank.com.evil.net}, but does in {@code bank.com.Then}, a missing space after a full stop). An
 * IBAN or phone number may be written with spaces, hyphens or parentheses between its characters; runs of white
 * space in a value match any run of white space. A number appears when a number written in the text (commas as
 * thousands separators) has the same value. Stateless and thread-safe.
 */
public final class Values {

    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern COMPACTABLE = Pattern.compile("[+]?[\\p{L}\\p{N}][\\p{L}\\p{N} ()\\-]*");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}.])-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final String WORD = "[\\p{L}\\p{N}_\\-]";
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?i)\\b(?:https?://\\S+|www\\.\\S+|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"
            + "|[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|io|info|biz|co|ch|de|uk|fr|eu|app|dev|edu|gov|me|ai)"
            + "(?:/\\S*)?|[a-z]{2}\\d{2}(?: ?[a-z0-9]){10,30})\\b/?");

    private Values() {}

    /** Returns the normalised form of a value (see the class comment). */
    public static String normalize(String value) {
        String v = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        v = stripQuotes(v);
        v = SCHEME.matcher(v).replaceFirst("");
        if (v.startsWith("www.")) {
            v = v.substring(4);
        }
        while (v.endsWith(".") || v.endsWith("/")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        if (isCompactable(v)) {
            v = v.replaceAll("[ ()\\-]", "");
        }
        return v;
    }

    /** Returns whether the two values are equal after normalisation. */
    public static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    /** Returns whether the value appears in the text (see the class comment); an empty value appears nowhere. */
    public static boolean appearsIn(String value, String text) {
        String n = normalize(value);
        if (n.isEmpty() || text.isEmpty()) {
            return false;
        }
        String haystack = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return pattern(n, isCompactable(n)).matcher(haystack).find();
    }

    /** Returns whether a number with the same value as {@code value} is written in the text. */
    public static boolean numberAppearsIn(BigDecimal value, String text) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            try {
                if (new BigDecimal(m.group().replace(",", "")).compareTo(value) == 0) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // a malformed group such as "1,,2" is not a number
            }
        }
        return false;
    }

    /** Returns the links, e-mail addresses and IBANs written in free text, in order. */
    public static List<String> identifiersIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String s = m.group().replaceAll("[.,;:!?)\\]'\"]+$", "");
            if (!s.isEmpty()) {
                found.add(s);
            }
        }
        return found;
    }

    private static Pattern pattern(String normalized, boolean compact) {
        StringBuilder re = new StringBuilder("(?<!" + WORD + ")");
        String sep = compact ? "[\\s()\\-]*" : "";
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (Character.isWhitespace(c)) {
                re.append("\\s+");
                continue;
            }
            if (i > 0 && !sep.isEmpty()) {
                re.append(sep);
            }
            re.append(Pattern.quote(String.valueOf(c)));
        }
        re.append("(?!" + WORD + "|(?-iu:\\.[a-z0-9]))");
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static boolean isCompactable(String v) {
        if (!COMPACTABLE.matcher(v).matches()) {
            return false;
        }
        return v.chars().filter(Character::isDigit).count() >= 5;
    }

    private static String stripQuotes(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1).strip();
        }
        return v;
    }
}
