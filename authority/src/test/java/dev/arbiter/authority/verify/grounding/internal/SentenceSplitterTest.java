package dev.arbiter.authority.verify.grounding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> texts(String text) {
        return SentenceSplitter.split(text).stream().map(SentenceSplitter.Span::text).toList();
    }

    @Test
    void splitsAtTerminatorsFollowedByACapital() {
        assertThat(texts("Revenue rose. Costs fell! Why? Nobody knows."))
                .containsExactly("Revenue rose.", "Costs fell!", "Why?", "Nobody knows.");
    }

    @Test
    void doesNotSplitInsideDecimalsOrAmounts() {
        assertThat(texts("Revenue was $2.1bn, up 3.5% on the year. Margins held."))
                .containsExactly("Revenue was $2.1bn, up 3.5% on the year.", "Margins held.");
    }

    @Test
    void doesNotSplitAfterTitlesInitialsAndLatinAbbreviations() {
        assertThat(texts("Mr. Smith met Dr. Jones and J. R. Doe, e.g. on Monday. They agreed."))
                .containsExactly("Mr. Smith met Dr. Jones and J. R. Doe, e.g. on Monday.", "They agreed.");
    }

    @Test
    void keepsCountryAbbreviationsInsideASentenceButEndsOnThemBeforeACommonWord() {
        assertThat(texts("U.S. Steel rose in the U.S. The rest fell."))
                .containsExactly("U.S. Steel rose in the U.S.", "The rest fell.");
    }

    @Test
    void keepsClosingQuotesWithTheirSentence() {
        assertThat(texts("He said \"we will win.\" Then he left."))
                .containsExactly("He said \"we will win.\"", "Then he left.");
    }

    @Test
    void doesNotSplitWhenTheNextWordIsLowerCase() {
        assertThat(texts("The approx. figure is 12. it was revised.")).hasSize(1);
    }

    @Test
    void splitsAtLineBreaksAndRecordsOffsets() {
        String text = "Anna: hi there\nBob: hello. See you.";
        List<SentenceSplitter.Span> spans = SentenceSplitter.split(text);
        assertThat(spans).extracting(SentenceSplitter.Span::text)
                .containsExactly("Anna: hi there", "Bob: hello.", "See you.");
        for (SentenceSplitter.Span s : spans) {
            assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
        }
    }

    @Test
    void blankTextHasNoSentences() {
        assertThat(SentenceSplitter.split("  \n ")).isEmpty();
    }
}
