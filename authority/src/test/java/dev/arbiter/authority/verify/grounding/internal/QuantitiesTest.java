package dev.arbiter.authority.verify.grounding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    private static boolean supported(String claim, String evidence) {
        List<Quantity> claimed = Quantities.find(claim, 0);
        assertThat(claimed).as("numbers in '%s'", claim).isNotEmpty();
        List<Quantity> stated = Quantities.find(evidence, 0);
        return claimed.stream().allMatch(c -> stated.stream().anyMatch(c::isSupportedBy));
    }

    @Test
    void numberWordsMatchDigits() {
        assertThat(supported("five people", "5 people were hurt")).isTrue();
        assertThat(supported("twenty-one days", "21 days")).isTrue();
        assertThat(supported("six people", "5 people were hurt")).isFalse();
    }

    @Test
    void percentFormsMatchEachOther() {
        assertThat(supported("up 5%", "up 5 percent")).isTrue();
        assertThat(supported("up 5 per cent", "up 5%")).isTrue();
        assertThat(supported("up 6%", "up 5%")).isFalse();
    }

    @Test
    void scalesAreNormalised() {
        assertThat(supported("$2.1bn", "2.1 billion dollars")).isTrue();
        assertThat(supported("$2,100 million", "$2.1 billion")).isTrue();
        assertThat(supported("$3.1 million", "$3.1 billion")).isFalse();
    }

    @Test
    void aClaimMayRoundTheEvidenceToThePrecisionItWrites() {
        assertThat(supported("$3.1 billion", "$3.08 billion")).isTrue();
        assertThat(supported("$3.12 billion", "$3.08 billion")).isFalse();
    }

    @Test
    void aClaimMayLeaveOutTheScale() {
        assertThat(supported("13.8", "13.8 percent")).isTrue();
    }

    @Test
    void ordinalsAndQuartersAreTheirOwnKind() {
        assertThat(supported("the third quarter", "in Q3 revenue grew")).isTrue();
        assertThat(supported("the second quarter", "in the third quarter")).isFalse();
        assertThat(supported("the 3rd", "3 people")).isFalse();
    }

    @Test
    void yearsAreNumbers() {
        assertThat(supported("in 2020", "fiscal 2020 results")).isTrue();
        assertThat(supported("in 2019", "fiscal 2020 results")).isFalse();
    }

    @Test
    void listMarkersAndHyphenatedNamesAreNotNumbers() {
        assertThat(Quantities.find("1) the impact of COVID-19", 0)).isEmpty();
    }

    @Test
    void offsetsPointIntoTheText() {
        String text = "Sales rose 12% to $4.5 million.";
        for (Quantity q : Quantities.find(text, 0)) {
            assertThat(text.substring(q.start(), q.end())).isEqualTo(q.text());
        }
        assertThat(Quantities.find(text, 0)).extracting(Quantity::text).containsExactly("12%", "$4.5 million");
    }
}
