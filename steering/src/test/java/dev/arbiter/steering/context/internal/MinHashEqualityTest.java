package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MinHash} gives exactly the signatures of the implementation before it ({@link MinHashReference}). */
class MinHashEqualityTest {

    private static final String[] PIECES = {"the", "Invoice", "TOTAL", "a", "Z", "0", "42", "9999", "_", "x_y", "é",
        "Straße", "ÉTÉ", "\uFF21\uFF42", "\u0130", "\u212A", "\uD835\uDC00", "\uD83D\uDE00", "\uD800", "\uDC00", "ǅ",
        "٣", "Ⅻ", "½", "\u0301", "日本", " ", "  ", ".", ", ", "\n", "\t", "-", "'", "@", "/", "[", "`", "{", "\u00A0",
        "\u200B"};

    @Test
    void signaturesEqualThoseOfTheImplementationBefore() {
        SplittableRandom random = new SplittableRandom(31);
        int nonEmpty = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(t < 1_000 ? 600 : 40);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(4) == 0) {
                    sb.append((char) random.nextInt(t % 2 == 0 ? 128 : 0x3000));
                } else {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            String text = sb.toString();
            long[] expected = MinHashReference.signature(text);
            assertThat(MinHash.signature(text)).as(text).isEqualTo(expected);
            nonEmpty += expected.length > 0 ? 1 : 0;
        }
        assertThat(nonEmpty).isGreaterThan(15_000);
    }

    /** ASCII texts (the table of ASCII word characters): words of every length, runs of separators, controls. */
    @Test
    void asciiSignaturesEqualThoseOfTheImplementationBefore() {
        String[] pieces = {"the", "Invoice", "TOTAL", "a", "Z", "0", "42", "9999", "_", "x_y", " ", "  ", ".", ", ",
            "\n", "\t", "-", "'", "@", "/", "[", "`", "{", "\u0000", "\u007F", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
        SplittableRandom random = new SplittableRandom(32);
        for (int t = 0; t < 20_000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = t < 19_000 ? random.nextInt(80) : random.nextInt(3_000);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(5) == 0) {
                    sb.append((char) random.nextInt(128));
                } else {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                }
            }
            String text = sb.toString();
            assertThat(MinHash.signature(text)).as(text).isEqualTo(MinHashReference.signature(text));
            for (int cut = 60; cut < 70 && cut < text.length(); cut++) {
                String s = text.substring(0, cut);
                assertThat(MinHash.signature(s)).as(s).isEqualTo(MinHashReference.signature(s));
            }
        }
    }
}
