package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void splitsAtSentenceEndsAndKeepsPrefixesVerbatim() {
        Sentences s = Sentences.of("It rained. Did it? Yes!  The end.");

        assertThat(s.count()).isEqualTo(4);
        assertThat(s.prefix(1)).isEqualTo("It rained.");
        assertThat(s.prefix(3)).isEqualTo("It rained. Did it? Yes!");
        assertThat(s.prefix(4)).isEqualTo("It rained. Did it? Yes!  The end.");
    }

    @Test
    void paragraphBreaksEndSentencesAndBlankStretchesDoNotCount() {
        Sentences s = Sentences.of("A heading\n\nBody text here.\n\n\n");

        assertThat(s.count()).isEqualTo(2);
        assertThat(s.prefix(1)).isEqualTo("A heading");
    }

    @Test
    void decimalsAndAbbreviationsDoNotEndSentences() {
        assertThat(Sentences.of("The rate is 3.5 percent. It was 2.9 before.").count()).isEqualTo(2);
    }

    @Test
    void rejectsPrefixesOutsideTheSentences() {
        Sentences s = Sentences.of("One. Two.");

        assertThatThrownBy(() -> s.prefix(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.prefix(3)).hasMessageContaining("[1, 2]");
    }
}
