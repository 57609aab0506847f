package dev.arbiter.authority.provenance;

import java.util.Arrays;

/**
 * Where the matches of some standard patterns of {@link Redactor} can lie: spans of the text that every match lies
 * inside, found in one pass, so the pattern is searched within them instead of from every position of the text. A
 * long text (a traced request's context) then costs a pass per pattern plus the spans' own search, not a regex
 * attempt at each of its characters. Thread-safe: stateless.
 *
 * <p>Each finder gives spans in order, start and end, that may overlap; {@link Redactor} searches each from where
 * the previous match ended, with transparent bounds (look-behinds and word boundaries see the text outside the span).
 * A match of the pattern in the whole text is then found exactly when it is found in a span: each finder's span holds
 * every character a match may hold around the one character every match holds ({@code RedactorGateTest} compares
 * the two on random texts and real ones).
 */
final class MatchWindows {

    /** Finds the spans of a text that hold every match: start and end pairs, in order. */
    @FunctionalInterface
    interface Finder {
        int[] spans(String text);
    }

    private MatchWindows() {}

    /**
     * An e-mail address ({@code [A-Za-z0-9._%+-]++@[A-Za-z0-9.-]+\.[A-Za-z]{2,}}): around each {@code @} that may be
     * one's ({@link #mayBeAddress}), the run of local-part characters before it and of domain characters after it.
     */
    static int[] emails(String text) {
        Spans spans = new Spans();
        int n = text.length();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (!mayBeAddress(text, at)) {
                continue;
            }
            int start = at;
            while (start > 0 && isLocal(text.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            while (end < n && isDomain(text.charAt(end))) {
                end++;
            }
            spans.add(start, end);
        }
        return spans.toArray();
    }

    /**
     * A phone number ({@code (?:\+\d{1,3}|\(\d{2,5}\))(?:[ .-]?\d{2,5}){2,5}}): from each {@code +} or {@code (}
     * followed by a digit, the run of digits, {@code )}, spaces, dots and hyphens after it.
     */
    static int[] phones(String text) {
        Spans spans = new Spans();
        int n = text.length();
        for (int i = 0; i + 1 < n; i++) {
            char c = text.charAt(i);
            if ((c == '+' || c == '(') && isDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && isPhone(text.charAt(end))) {
                    end++;
                }
                spans.add(i, end);
            }
        }
        return spans.toArray();
    }

    /**
     * A card number ({@code (?:\d[ -]?){12,18}\d}): each run of digits, spaces and hyphens that holds at least 13
     * digits.
     */
    static int[] cards(String text) {
        Spans spans = new Spans();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            while (i < n && isCard(text.charAt(i))) {
                if (isDigit(text.charAt(i))) {
                    digits++;
                }
                i++;
            }
            if (digits >= 13) {
                spans.add(start, i);
            }
        }
        return spans.toArray();
    }

    /**
     * An API key of the {@code sk-}, {@code pk-} or {@code rk-} shape ({@code (?:sk|pk|rk)-[A-Za-z0-9_-]{16,}}): at
     * each {@code k-} after an {@code s}, {@code p} or {@code r}, from that letter through the run of key characters
     * after the hyphen, when the run is 16 long or longer.
     */
    static int[] keys(String text) {
        Spans spans = new Spans();
        int n = text.length();
        for (int k = text.indexOf("k-"); k >= 0; k = text.indexOf("k-", k + 1)) {
            if (k == 0) {
                continue;
            }
            char before = text.charAt(k - 1);
            if (before != 's' && before != 'p' && before != 'r') {
                continue;
            }
            int end = k + 2;
            while (end < n && isKey(text.charAt(end))) {
                end++;
            }
            if (end - (k + 2) >= 16) {
                spans.add(k - 1, end);
            }
        }
        return spans.toArray();
    }

    /**
     * An IBAN ({@code [A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?}): from each two upper-case letters
     * followed by two digits, the run of upper-case letters, digits and spaces after them.
     */
    static int[] ibans(String text) {
        Spans spans = new Spans();
        int n = text.length();
        for (int i = 0; i + 3 < n; i++) {
            if (isUpper(text.charAt(i)) && isUpper(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3))) {
                int end = i + 4;
                while (end < n && isIban(text.charAt(end))) {
                    end++;
                }
                spans.add(i, end);
            }
        }
        return spans.toArray();
    }

    /**
     * Whether the {@code @} at {@code at} may be an address's: after a character of the local part, and followed by
     * a run of {@code [A-Za-z0-9.-]} holding a dot with at least one character before it and two letters after it.
     */
    static boolean mayBeAddress(String text, int at) {
        if (at == 0 || !isLocal(text.charAt(at - 1))) {
            return false;
        }
        int end = at + 1;
        while (end < text.length() && isDomain(text.charAt(end))) {
            end++;
        }
        for (int k = at + 2; k + 2 < end; k++) {
            if (text.charAt(k) == '.' && isLetter(text.charAt(k + 1)) && isLetter(text.charAt(k + 2))) {
                return true;
            }
        }
        return false;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** {@code [A-Za-z0-9_-]}: what follows an API key's hyphen. */
    private static boolean isKey(char c) {
        return isLetter(c) || isDigit(c) || c == '_' || c == '-';
    }

    /** What an IBAN holds: upper-case letters, digits, spaces. */
    private static boolean isIban(char c) {
        return isUpper(c) || isDigit(c) || c == ' ';
    }

    /** {@code [A-Za-z0-9._%+-]}. */
    private static boolean isLocal(char c) {
        return isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** {@code [A-Za-z0-9.-]}. */
    private static boolean isDomain(char c) {
        return isLetter(c) || isDigit(c) || c == '.' || c == '-';
    }

    /** What a phone number holds after its {@code +} or {@code (}: digits, {@code )}, space, dot, hyphen. */
    private static boolean isPhone(char c) {
        return isDigit(c) || c == ')' || c == ' ' || c == '.' || c == '-';
    }

    /** What a card number holds: digits, space, hyphen. */
    private static boolean isCard(char c) {
        return isDigit(c) || c == ' ' || c == '-';
    }

    /** A growing list of start and end pairs. */
    private static final class Spans {
        private int[] values = new int[8];
        private int size;

        void add(int start, int end) {
            if (size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = start;
            values[size++] = end;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
