package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinHashTest {

    private static final String TEXT = "The quarterly report shows revenue of four million euros, up eight percent on "
            + "the year, driven by licence renewals in the public sector and strong retail sales in December.";

    @Test
    void identicalTextsUpToCaseAndPunctuationAreFullySimilar() {
        assertThat(MinHash.similarity(MinHash.signature(TEXT), MinHash.signature(TEXT.toUpperCase().replace(",", " ;"))))
                .isEqualTo(1.0);
    }

    @Test
    void oneChangedWordKeepsTheEstimateHighAndUnrelatedTextsLow() {
        double near = MinHash.similarity(MinHash.signature(TEXT), MinHash.signature(TEXT.replace("December", "May")));
        double far = MinHash.similarity(MinHash.signature(TEXT),
                MinHash.signature("Our support desk is open from nine to five and answers within a day."));

        assertThat(near).isGreaterThan(0.75);
        assertThat(far).isLessThan(0.1);
    }

    @Test
    void textsWithoutWordsAreSimilarToNothing() {
        assertThat(MinHash.signature("?! ...")).isEmpty();
        assertThat(MinHash.similarity(MinHash.signature("?!"), MinHash.signature("?!"))).isZero();
    }

    @Test
    void shortTextsAreOneShingle() {
        assertThat(MinHash.similarity(MinHash.signature("Hello there"), MinHash.signature("hello, there!"))).isEqualTo(1.0);
        assertThat(MinHash.similarity(MinHash.signature("Hello there"), MinHash.signature("hello here"))).isLessThan(0.1);
    }
}
