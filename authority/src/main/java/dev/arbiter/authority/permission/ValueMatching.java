package dev.arbiter.authority.permission;

import dev.arbiter.authority.permission.internal.Values;
import java.math.BigDecimal;
import java.util.List;

/**
 * How value provenance and value lists compare values: the normalisation and the "appears in" test, public so that
 * tools, reviewers' screens and measurements use exactly the envelope's rules.
 *
 * <p>Normalisation: Unicode NFKC; surrounding white space and quotes removed; lower case (e-mail addresses, names,
 * IBANs); trailing dots removed; {@code https://}, {@code http://}, a leading {@code www.} and a trailing {@code /}
 * removed (URL forms); values that look like IBANs or phone numbers (five or more digits, only letters, digits,
 * {@code +}, spaces, hyphens, parentheses) lose their spaces, hyphens and parentheses. A value appears in a text
 * when its normalised form occurs there as a whole token (not inside a longer word, not followed by {@code .x} as
 * in {@code bank.com.evil.net}); IBANs and phone numbers may be written with separators; numbers match by value.
 * Stateless and thread-safe.
 */
public final class ValueMatching {

    private ValueMatching() {}

    /** Returns the normalised form of a value. */
    public static String normalize(String value) {
        return Values.normalize(value);
    }

    /** Returns whether two values are the same after normalisation. */
    public static boolean same(String a, String b) {
        return Values.same(a, b);
    }

    /** Returns whether the value appears in the text. */
    public static boolean appearsIn(String value, String text) {
        return Values.appearsIn(value, text);
    }

    /** Returns whether a number with this value is written in the text. */
    public static boolean numberAppearsIn(BigDecimal value, String text) {
        return Values.numberAppearsIn(value, text);
    }

    /** Returns the links, e-mail addresses and IBANs written in free text, in order. */
    public static List<String> identifiersIn(String text) {
        return Values.identifiersIn(text);
    }
}
