package dev.arbiter.authority.verify.internal;

/**
 * A text that a regular expression may read only so many times: a pathological pattern on a long output stops with an
 * exception (which fails the verifier closed) instead of running for hours. Not thread-safe; one per match.
 */
final class BoundedCharSequence implements CharSequence {

    private final CharSequence text;
    private final long[] budget;

    private BoundedCharSequence(CharSequence text, long[] budget) {
        this.text = text;
        this.budget = budget;
    }

    /** Returns the text with a budget of {@code max(10 million, 1000 * length)} character reads. */
    static BoundedCharSequence of(String text) {
        return new BoundedCharSequence(text, new long[] {Math.max(10_000_000L, 1000L * text.length())});
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new IllegalStateException("the regular expression took too long on this output (more than the "
                    + "allowed character reads); simplify the pattern");
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedCharSequence(text.subSequence(start, end), budget);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
