package dev.arbiter.authority.provenance;

/**
 * What the gates of {@link Redactor}'s standard patterns ask about a text, found in one pass: each pattern names, by
 * one of the {@code NEEDS_…} constants, what every match of it holds, and the pattern is not run on a text that lacks
 * it. Not thread-safe; made for one text.
 */
final class TextFacts {

    /** Any text may match (patterns added through the builder). */
    static final int ANY = 0;
    /** {@code (?i)bearer…}: the word {@code bearer} in any mix of ASCII cases (the flag folds ASCII only). */
    static final int NEEDS_BEARER = 1;
    /** {@code (?:sk|pk|rk)-…}: the two characters {@code k-}. */
    static final int NEEDS_K_DASH = 2;
    /** {@code AKIA…}: the four characters {@code AKIA}. */
    static final int NEEDS_AKIA = 3;
    /** {@code gh[pousr]_…}: those four characters (tool names and identifiers hold underscores; tokens hold these). */
    static final int NEEDS_GH_UNDERSCORE = 4;
    /**
     * An e-mail address: an {@code @} after an address character, followed by a run of domain characters that holds a
     * dot and two letters after at least one of them ({@code bench@1} and {@code a@b} are not).
     */
    static final int NEEDS_AT = 5;
    /** An IBAN: two ASCII upper-case letters followed by two ASCII digits. */
    static final int NEEDS_UPPER_UPPER_DIGIT_DIGIT = 6;
    /**
     * A card number: at least 13 ASCII digits in a row, with at most one space or hyphen between two of them (the digits
     * of hex digests, parted by letters, are not).
     */
    static final int NEEDS_13_DIGITS = 7;
    /** A phone number: a {@code +} or {@code (} followed by an ASCII digit, and at least 5 ASCII digits. */
    static final int NEEDS_PLUS_OR_PAREN_AND_5_DIGITS = 8;

    private final String text;
    private boolean b;
    private boolean address;
    private boolean ghUnderscore;
    private boolean plusOrParen;
    private boolean upperUpperDigitDigit;
    private int digits;
    /** The most digits in a row that a card number could span: parted by at most one space or hyphen. */
    private int cardDigits;

    TextFacts(String text) {
        this.text = text;
        int run = 0; // 0: nothing; 1: one upper; 2: two or more uppers; 3: two uppers and a digit
        int card = 0; // digits of the run a card number could span so far
        boolean afterDigit = false; // the last character was a digit
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                cardDigits = Math.max(cardDigits, ++card);
                afterDigit = true;
                if (run == 3) {
                    upperUpperDigitDigit = true;
                    run = 0;
                } else {
                    run = run == 2 ? 3 : 0;
                }
                continue;
            }
            if ((c == ' ' || c == '-') && afterDigit) {
                afterDigit = false; // one separator keeps the run; a second, or anything else, ends it
            } else {
                card = 0;
                afterDigit = false;
            }
            if (c >= 'A' && c <= 'Z') {
                run = run == 1 || run == 2 ? 2 : 1;
                if (c == 'B') {
                    b = true;
                }
            } else {
                run = 0;
                switch (c) {
                    case 'b' -> b = true;
                    case '@' -> address |= MatchWindows.mayBeAddress(text, i);
                    case '_' -> ghUnderscore |= afterGhToken(text, i);
                    case '+', '(' -> plusOrParen |= i + 1 < text.length() && MatchWindows.isDigit(text.charAt(i + 1));
                    default -> b |= c >= 128; // not needed (this pattern folds ASCII only), but safe
                }
            }
        }
    }

    /** Whether the underscore at {@code i} follows {@code gh} and one of {@code pousr}, as in a GitHub token. */
    private static boolean afterGhToken(String text, int i) {
        if (i < 3 || text.charAt(i - 3) != 'g' || text.charAt(i - 2) != 'h') {
            return false;
        }
        char c = text.charAt(i - 1);
        return c == 'p' || c == 'o' || c == 'u' || c == 's' || c == 'r';
    }

    /** Whether {@code bearer} occurs in any mix of ASCII cases (a superset of what the ASCII-folding flag matches). */
    private static boolean containsBearer(String text) {
        for (int i = 0, last = text.length() - 6; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == 'b' || c == 'B') && text.regionMatches(true, i, "bearer", 0, 6)) {
                return true;
            }
        }
        return false;
    }

    boolean mayMatch(int gate) {
        switch (gate) {
            case NEEDS_BEARER:
                return b && containsBearer(text);
            case NEEDS_K_DASH:
                return text.contains("k-");
            case NEEDS_AKIA:
                return text.contains("AKIA");
            case NEEDS_GH_UNDERSCORE:
                return ghUnderscore;
            case NEEDS_AT:
                return address;
            case NEEDS_UPPER_UPPER_DIGIT_DIGIT:
                return upperUpperDigitDigit;
            case NEEDS_13_DIGITS:
                return cardDigits >= 13;
            case NEEDS_PLUS_OR_PAREN_AND_5_DIGITS:
                return plusOrParen && digits >= 5;
            default:
                return true;
        }
    }
}
