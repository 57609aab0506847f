package dev.arbiter.authority.verify.grounding.internal;

/**
 * One word or number of a text, with its offsets in that text.
 *
 * @param text the token as written
 * @param lower the token in lower case
 * @param stem its {@link Stemmer} stem (numbers are their own stem)
 * @param start offset of the first character
 * @param end offset after the last character
 * @param capitalized whether it starts with an upper-case letter
 * @param sentenceInitial whether it is the first word of its sentence
 */
public record Token(String text, String lower, String stem, int start, int end, boolean capitalized,
        boolean sentenceInitial) {

    /** Returns whether the token carries content: not a stop word and not punctuation. */
    public boolean isContent() {
        return !Lexicon.STOPWORDS.contains(lower) && !Lexicon.NEGATIONS.contains(lower) && lower.length() > 1;
    }

    /** Returns whether the token starts with a digit. */
    public boolean isNumeric() {
        return !text.isEmpty() && Character.isDigit(text.charAt(0));
    }
}
