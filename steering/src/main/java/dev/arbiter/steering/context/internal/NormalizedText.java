package dev.arbiter.steering.context.internal;

import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A view of a text for pattern matching: each code point folded to its NFKC form and lower-cased (code point by
 * code point, so offsets map back exactly), invisible format characters
 * (Unicode category Cf: zero-width spaces and joiners, bidi controls, tag characters) removed, with a map back to
 * offsets in the original. Immutable.
 */
public final class NormalizedText {

    private final String text;
    /** For each char of {@link #text}, the offset of the original code point it came from; null: the same offset. */
    private final int @Nullable [] origin;
    /** For each char of {@link #text}, the offset just past the original code point it came from; null: the next. */
    private final int @Nullable [] originEnd;

    private NormalizedText(String text, int @Nullable [] origin, int @Nullable [] originEnd) {
        this.text = text;
        this.origin = origin;
        this.originEnd = originEnd;
    }

    /** Returns the normalised view of the text. */
    public static NormalizedText of(String original) {
        if (isAscii(original)) { // each char is its own code point, NFKC-stable, never a format character
            return new NormalizedText(original.toLowerCase(Locale.ROOT), null, null);
        }
        StringBuilder sb = new StringBuilder(original.length());
        int[] origin = new int[original.length() * 2 + 4];
        int[] originEnd = new int[origin.length];
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) {
                if (sb.length() == origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                    originEnd = java.util.Arrays.copyOf(originEnd, originEnd.length * 2);
                }
                origin[sb.length()] = i;
                originEnd[sb.length()] = next;
                sb.append((char) Character.toLowerCase(cp));
            } else if (Character.getType(cp) != Character.FORMAT) {
                String folded = fold(cp);
                for (int k = 0; k < folded.length(); k++) {
                    if (sb.length() == origin.length) {
                        origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                        originEnd = java.util.Arrays.copyOf(originEnd, originEnd.length * 2);
                    }
                    origin[sb.length()] = i;
                    originEnd[sb.length()] = next;
                    sb.append(folded.charAt(k));
                }
            }
            i = next;
        }
        return new NormalizedText(sb.toString(), origin, originEnd);
    }

    /** Returns the normalised view of a text known to be ASCII: the text lower-cased. */
    public static NormalizedText ofAscii(String original) {
        return new NormalizedText(original.toLowerCase(Locale.ROOT), null, null);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String fold(int cp) {
        if (cp < 0x80) {
            return Character.toString(Character.toLowerCase(cp));
        }
        String nfkc = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
        return sb.toString();
    }

    /** The normalised text. */
    public String text() {
        return text;
    }

    /** Maps a start offset in the normalised text to the original. */
    public int originalStart(int normalizedStart) {
        return origin == null ? normalizedStart : origin[normalizedStart];
    }

    /** Maps an end offset (exclusive, greater than 0) in the normalised text to the original. */
    public int originalEnd(int normalizedEnd) {
        return originEnd == null ? normalizedEnd : originEnd[normalizedEnd - 1];
    }
}
