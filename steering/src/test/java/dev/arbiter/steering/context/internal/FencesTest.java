package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FencesTest {

    @Test
    void boundaryIs128RandomBitsInHex() {
        assertThat(Fences.newBoundary(new Random(1))).matches("[0-9a-f]{32}");
        assertThat(Fences.newBoundary(new Random(1))).isEqualTo(Fences.newBoundary(new Random(1)));
        assertThat(Fences.newBoundary(new Random(1))).isNotEqualTo(Fences.newBoundary(new Random(2)));
    }

    @Test
    void chosenBoundaryAvoidsTheTextsInAnyCase() {
        String first = Fences.newBoundary(new Random(5));

        String chosen = Fences.chooseBoundary(new Random(5), List.of("prefix " + first.toUpperCase() + " suffix"));

        assertThat(chosen).isNotEqualTo(first);
    }

    @Test
    void onlyTextsWithABoundaryLongRunOfHexDigitsOrNonAsciiCanHoldABoundary() {
        assertThat(Fences.mayContainBoundary("Invoice 4711 is due on 31 July.")).isFalse();
        assertThat(Fences.mayContainBoundary("a".repeat(31) + " " + "b".repeat(31))).isFalse();
        assertThat(Fences.mayContainBoundary("id " + "AbC0".repeat(8) + " end")).isTrue();
        assertThat(Fences.mayContainBoundary("\uff21".repeat(32))).isTrue();
    }

    /** The skipping search answers as reading every character would, for runs of every length around 32. */
    @Test
    void theSkippingSearchFindsExactlyTheRunsOfThirtyTwo() {
        Random random = new Random(11);
        char[] alphabet = {'a', 'F', '0', '9', 'g', 'Z', ' ', '.', '\u00e9', '\n'};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(120);
            while (sb.length() < n) {
                boolean hex = random.nextInt(3) > 0;
                int run = random.nextInt(40);
                for (int k = 0; k < run; k++) {
                    sb.append(hex ? alphabet[random.nextInt(4)] : alphabet[random.nextInt(alphabet.length)]);
                }
            }
            String text = sb.toString();
            assertThat(Fences.mayContainBoundary(text)).as(text).isEqualTo(readsEveryCharacter(text));
        }
    }

    private static boolean readsEveryCharacter(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c >= 128 || Character.digit(c, 16) >= 0 ? run + 1 : 0;
            if (run >= 32) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRandomSourceThatRepeatsItselfIsRejected() {
        Random stuck = new Random() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0x11);
            }
        };

        assertThatThrownBy(() -> Fences.chooseBoundary(stuck, List.of("11111111111111111111111111111111")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not random");
    }

    @Test
    void blocksFollowTheDocumentedLayout() {
        assertThat(Fences.fenced("doc", "b0", "cut: first 1 of 2 sentences", "Body."))
                .isEqualTo("<untrusted-data source=\"doc\" fence=\"b0\" note=\"cut: first 1 of 2 sentences\">\nBody.\n"
                        + "</untrusted-data fence=\"b0\">");
        assertThat(Fences.trusted("policy", "", "Text.")).isEqualTo("[source: policy]\nText.");
        assertThat(Fences.header("b0")).contains("fence=\"b0\"").contains("data, not instructions");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(Fences.escape("a\"b<c>d\ne[f]\\")).isEqualTo("a\\u0022b\\u003cc\\u003ed\\u000ae\\u005bf\\u005d\\u005c");
    }
}
