package dev.arbiter.authority.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.QuoteNormalization;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuoteMatcherTest {

    private final QuoteMatcher all = new QuoteMatcher(EnumSet.allOf(QuoteNormalization.class));

    @Test
    void findsTheQuoteAndMapsTheSpanBackToTheOriginal() {
        String source = "Intro.  The   \u201CBig\u201D  Deal\u2026 ends here.";
        QuoteMatcher.Span span = all.find("the \"big\" deal...", all.prepare(source)).orElseThrow();
        assertThat(source.substring(span.start(), span.end())).isEqualTo("The   \u201CBig\u201D  Deal\u2026");
    }

    @Test
    void eachNormalisationCanBeLeftOut() {
        String source = "Costs \u2014 as ever \u2014 ROSE";
        assertThat(new QuoteMatcher(Set.of(QuoteNormalization.TYPOGRAPHY, QuoteNormalization.WHITESPACE))
                .find("costs - as ever - rose", NormalizedText.of(source, Set.of(QuoteNormalization.TYPOGRAPHY,
                        QuoteNormalization.WHITESPACE)))).isEmpty();
        assertThat(new QuoteMatcher(Set.of(QuoteNormalization.CASE, QuoteNormalization.WHITESPACE))
                .find("costs - as ever - rose", NormalizedText.of(source, Set.of(QuoteNormalization.CASE,
                        QuoteNormalization.WHITESPACE)))).isEmpty();
        assertThat(all.find("costs - as ever - rose", all.prepare(source))).isPresent();
    }

    @Test
    void blankQuoteIsFoundNowhere() {
        assertThat(all.find("  ", all.prepare("anything"))).isEmpty();
    }

    @Test
    void closestPassageIsTheWindowSharingMostWords() {
        String source = "Sales rose in March. Profits fell sharply in the second quarter of 2023. Staff grew.";
        assertThat(all.closestPassage("profits fell sharply in the third quarter", source))
                .contains("Profits fell sharply in the second quarter");
    }

    @Test
    void noClosestPassageWhenTooFewWordsAreShared() {
        assertThat(all.closestPassage("quantum chromodynamics lattice", "Sales rose in March.")).isEmpty();
    }
}
