package dev.arbiter.authority.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.QuoteNormalization;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Normalised text and the map back to the original, across the one-char fast path and the general path. */
class NormalizedTextTest {

    private static final Set<QuoteNormalization> ALL = EnumSet.allOf(QuoteNormalization.class);

    @Test
    void foldsCaseTypographyAndWhitespaceAndMapsEveryCharBack() {
        String original = "Due “NOW” \u2014  İstanbul\u00A0\u00A0𝐀bc\u2026 x\u00ADy";
        NormalizedText n = NormalizedText.of(original, ALL);

        assertThat(n.text()).isEqualTo("due \"now\" - istanbul 𝐀bc... xy");
        int quote = n.text().indexOf('"');
        assertThat(original.substring(n.originalStart(quote), n.originalEnd(quote))).isEqualTo("“");
        int dash = n.text().indexOf('-');
        assertThat(original.substring(n.originalStart(dash), n.originalEnd(dash))).isEqualTo("\u2014");
        int math = n.text().indexOf("𝐀");
        assertThat(original.substring(n.originalStart(math), n.originalEnd(math + 1))).isEqualTo("𝐀");
        int space = n.text().indexOf(' ', n.text().indexOf("stanbul"));
        assertThat(original.substring(n.originalStart(space), n.originalEnd(space))).isEqualTo("\u00A0\u00A0");
        int y = n.text().lastIndexOf('y');
        assertThat(original.charAt(n.originalStart(y))).isEqualTo('y');
    }

    @Test
    void withoutNormalisationsTheTextIsKeptAsIs() {
        String original = "Due “NOW”  \u2014 İ";
        NormalizedText n = NormalizedText.of(original, EnumSet.noneOf(QuoteNormalization.class));

        assertThat(n.text()).isEqualTo(original);
        for (int i = 0; i < original.length(); i++) {
            assertThat(n.originalStart(i)).isEqualTo(i);
            assertThat(n.originalEnd(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void aLongPlainTextGrowsItsOffsetsAsNeeded() {
        String original = "Ab".repeat(5_000);
        NormalizedText n = NormalizedText.of(original, ALL);

        assertThat(n.text()).isEqualTo("ab".repeat(5_000));
        assertThat(n.originalEnd(9_999)).isEqualTo(10_000);
    }
}
