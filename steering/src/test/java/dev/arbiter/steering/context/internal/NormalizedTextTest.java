package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizedTextTest {

    @Test
    void foldsCaseAndCompatibilityFormsAndDropsInvisibleCharacters() {
        NormalizedText n = NormalizedText.of("ＡbC\u200Bd\uFB01");

        assertThat(n.text()).isEqualTo("abcdfi");
    }

    @Test
    void mapsOffsetsBackToTheOriginal() {
        String original = "x\u200BＩＧＮＯＲＥ\uFB01y";
        NormalizedText n = NormalizedText.of(original);
        int start = n.text().indexOf("ignore");

        assertThat(n.originalStart(start)).isEqualTo(2);
        assertThat(n.originalEnd(start + "ignore".length())).isEqualTo(8);
        // the ligature "ﬁ" becomes two characters that both map back to it
        assertThat(n.originalStart(start + 6)).isEqualTo(8);
        assertThat(n.originalEnd(start + 8)).isEqualTo(9);
    }
}
