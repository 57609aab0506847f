package dev.arbiter.authority.verify.grounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each signal with a positive and a negative case, lexical alignment only (no model load). */
class GroundingJudgeTest {

    private static final GroundingJudge LEXICAL = GroundingJudge.builder().embeddings(false).build();

    private static SentenceJudgement judgeOne(String claim, String evidence) {
        GroundingReport report = LEXICAL.judge(claim, List.of(Source.of("doc", evidence, Trust.UNTRUSTED)));
        assertThat(report.sentences()).hasSize(1);
        return report.sentences().get(0);
    }

    private static List<Kind> kinds(SentenceJudgement s) {
        return s.issues().stream().map(GroundingIssue::kind).toList();
    }

    @Test
    void aSentenceThatRestatesTheEvidenceIsSupportedWithNoIssues() {
        SentenceJudgement s = judgeOne("Revenue fell 5% to $2.1bn in the third quarter.",
                "Revenue fell 5% to $2.1bn in the third quarter. Costs were flat.");
        assertThat(s.issues()).extracting(GroundingIssue::kind).doesNotContain(Kind.UNSUPPORTED_NUMBER,
                Kind.UNSUPPORTED_ENTITY, Kind.ANTONYM, Kind.NEGATION_ADDED, Kind.NEGATION_REMOVED, Kind.ROLE_SWAP,
                Kind.SWAPPED_TERM, Kind.MODALITY);
        assertThat(s.supported()).isTrue();
        assertThat(s.bestSupport()).get().satisfies(b -> {
            assertThat(b.sourceId()).isEqualTo("doc");
            assertThat(b.start()).isZero();
            assertThat(b.text()).isEqualTo("Revenue fell 5% to $2.1bn in the third quarter.");
        });
    }

    @Test
    void anOppositeVerbIsAnAntonymSwap() {
        SentenceJudgement s = judgeOne("Revenue rose 5% to $2.1bn.", "Revenue fell 5% to $2.1bn in the quarter.");
        assertThat(kinds(s)).contains(Kind.ANTONYM);
        assertThat(s.issues().get(kinds(s).indexOf(Kind.ANTONYM)).term()).isEqualTo("rose");
        assertThat(s.supported()).isFalse();
    }

    @Test
    void anOppositeInAnUnrelatedClauseIsNotAnAntonymSwap() {
        SentenceJudgement s = judgeOne("Profits rose sharply.", "Profits rose sharply. Separately, costs fell.");
        assertThat(kinds(s)).doesNotContain(Kind.ANTONYM);
    }

    @Test
    void aNegatingPrefixIsAnAntonymSwap() {
        assertThat(kinds(judgeOne("The results are certain.", "The results are uncertain."))).contains(Kind.ANTONYM);
        assertThat(kinds(judgeOne("The results are uncertain.", "The results are uncertain.")))
                .doesNotContain(Kind.ANTONYM);
    }

    @Test
    void aChangedNumberIsUnsupported() {
        SentenceJudgement s = judgeOne("Revenue fell 6% to $2.1bn.", "Revenue fell 5% to $2.1bn.");
        assertThat(kinds(s)).containsOnlyOnce(Kind.UNSUPPORTED_NUMBER);
        GroundingIssue issue = s.issues().get(kinds(s).indexOf(Kind.UNSUPPORTED_NUMBER));
        assertThat(issue.term()).isEqualTo("6%");
        assertThat("Revenue fell 6% to $2.1bn.".substring(issue.start(), issue.end())).isEqualTo("6%");
        assertThat(s.supported()).isFalse();
    }

    @Test
    void aChangedDateIsFlaggedAndTheSameDateIsNot() {
        String doc = "The hearing is on Tuesday, March 3, 2020, in Boston.";
        SentenceJudgement year = judgeOne("The hearing is on Tuesday, March 3, 2021.", doc);
        assertThat(kinds(year)).contains(Kind.UNSUPPORTED_NUMBER);
        SentenceJudgement day = judgeOne("The hearing is on Wednesday, March 3, 2020.", doc);
        assertThat(kinds(day)).contains(Kind.SWAPPED_TERM);
        SentenceJudgement same = judgeOne("The hearing is on Tuesday, March 3, 2020.", doc);
        assertThat(kinds(same)).doesNotContain(Kind.UNSUPPORTED_NUMBER, Kind.SWAPPED_TERM, Kind.UNSUPPORTED_ENTITY);
    }

    @Test
    void anAddedNegationIsFlagged() {
        String doc = "The board approved the merger on Friday.";
        assertThat(kinds(judgeOne("The board did not approve the merger on Friday.", doc)))
                .contains(Kind.NEGATION_ADDED);
        assertThat(kinds(judgeOne("The board approved the merger on Friday.", doc)))
                .doesNotContain(Kind.NEGATION_ADDED, Kind.NEGATION_REMOVED);
    }

    @Test
    void aDroppedNegationIsFlagged() {
        String doc = "The company did not raise its forecast.";
        assertThat(kinds(judgeOne("The company raised its forecast.", doc))).contains(Kind.NEGATION_REMOVED);
        assertThat(kinds(judgeOne("The company didn't raise its forecast.", doc)))
                .doesNotContain(Kind.NEGATION_REMOVED, Kind.NEGATION_ADDED);
    }

    @Test
    void swappedRolesAreFlagged() {
        String doc = "Smith hired Jones in 2019.";
        SentenceJudgement swapped = judgeOne("Jones hired Smith in 2019.", doc);
        assertThat(kinds(swapped)).contains(Kind.ROLE_SWAP);
        assertThat(kinds(judgeOne("Smith hired Jones in 2019.", doc))).doesNotContain(Kind.ROLE_SWAP);
        assertThat(kinds(judgeOne("Jones was hired by Smith in 2019.", doc))).doesNotContain(Kind.ROLE_SWAP);
    }

    @Test
    void aNameTheEvidenceNeverMentionsIsUnsupported() {
        String doc = "Acme signed a supply deal with Globex in Chicago.";
        SentenceJudgement s = judgeOne("Acme signed a supply deal with Initech.", doc);
        assertThat(s.issues()).filteredOn(i -> i.kind() == Kind.UNSUPPORTED_ENTITY)
                .extracting(GroundingIssue::term).containsExactly("Initech");
        assertThat(kinds(judgeOne("Acme signed a supply deal with Globex.", doc)))
                .doesNotContain(Kind.UNSUPPORTED_ENTITY);
    }

    @Test
    void demonymsAndInitialismsCountAsMentioned() {
        String doc = "A mine collapsed in China. Officials from the World Health Organization came.";
        assertThat(kinds(judgeOne("A Chinese mine collapsed, and the WHO came.", doc)))
                .doesNotContain(Kind.UNSUPPORTED_ENTITY);
    }

    @Test
    void assertingWhatTheEvidenceHedgesIsAModalityChange() {
        String doc = "The firm may cut jobs next year.";
        assertThat(kinds(judgeOne("The firm will cut jobs next year.", doc))).contains(Kind.MODALITY);
        assertThat(kinds(judgeOne("The firm may cut jobs next year.", doc))).doesNotContain(Kind.MODALITY);
    }

    @Test
    void novelContentIsMeasuredAsAShareOfTheContentWords() {
        SentenceJudgement s = judgeOne("The firm bought submarines.", "The firm bought trucks.");
        assertThat(s.signal(Kind.NOVEL_CONTENT)).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTextIsSupportedOnlyWhenEverySentenceIs() {
        String doc = "Revenue fell 5% to $2.1bn. The CEO, Ann Lee, resigned in May.";
        GroundingReport report = LEXICAL.judge("Revenue fell 5% to $2.1bn. The CEO, Bob Stone, resigned in May.",
                List.of(Source.of("q", doc, Trust.UNTRUSTED)));
        assertThat(report.sentences()).hasSize(2);
        assertThat(report.sentences().get(0).supported()).isTrue();
        assertThat(report.unsupported()).extracting(SentenceJudgement::text)
                .containsExactly("The CEO, Bob Stone, resigned in May.");
        assertThat(report.supported()).isFalse();
        assertThat(report.score()).isEqualTo(report.sentences().get(1).score());
    }

    @Test
    void aHigherThresholdFlagsMore() {
        List<Source> doc = List.of(Source.of("d", "The firm bought trucks in Ohio.", Trust.TRUSTED));
        String claim = "The firm bought large trucks.";
        double score = LEXICAL.judge(claim, doc).score();
        assertThat(GroundingJudge.builder().embeddings(false).threshold(Math.min(1, score + 0.01)).build()
                .judge(claim, doc).supported()).isFalse();
        assertThat(GroundingJudge.builder().embeddings(false).threshold(Math.max(0, score - 0.01)).build()
                .judge(claim, doc).supported()).isTrue();
    }

    @Test
    void blankTextIsVacuouslySupported() {
        GroundingReport report = LEXICAL.judge(" ", List.of(Source.of("d", "x", Trust.TRUSTED)));
        assertThat(report.sentences()).isEmpty();
        assertThat(report.supported()).isTrue();
        assertThat(report.score()).isEqualTo(1.0);
    }

    @Test
    void aThresholdOutsideTheUnitIntervalIsRejected() {
        assertThatThrownBy(() -> GroundingJudge.builder().threshold(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    }
}
