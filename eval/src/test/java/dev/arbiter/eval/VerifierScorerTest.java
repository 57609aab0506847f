package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.GroundingVerifier;
import dev.arbiter.authority.verify.HumanReviewVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierScorerTest {

    private static final GoldenCase<String, String> CASE = GoldenCase.of("q3", "Summarise the report.", "");
    private static final Evidence REPORT = Evidence.of(Source.of("report",
            "Revenue fell 5% to $2.1 billion in the third quarter.", Trust.UNTRUSTED));

    private static ScoringContext context(String output) {
        return new ScoringContext(CASE, output, REPORT, List.of());
    }

    @Test
    void aPassingVerdictScoresOne() {
        Score score = VerifierScorer.of(GroundingVerifier.create()).score(context("Revenue fell 5% to $2.1 billion in the third quarter."));
        assertThat(score.passed()).isTrue();
        assertThat(score.value()).isEqualTo(1.0);
    }

    @Test
    void aFailingVerdictScoresZeroWithItsFindings() {
        Score score = VerifierScorer.of(GroundingVerifier.create()).score(context("Revenue fell 9% to $2.1 billion in the third quarter."));
        assertThat(score.passed()).isFalse();
        assertThat(score.explanation()).contains("grounding").contains("HALLUCINATION");
    }

    @Test
    void theLastGenerationOfTheSubjectIsWhatIsVerified() {
        ScoringContext withGeneration = new ScoringContext(CASE, "ignored", REPORT,
                List.of(Generation.ofText("Revenue fell 9% in the third quarter.")));
        assertThat(VerifierScorer.of(GroundingVerifier.create()).score(withGeneration).passed()).isFalse();
    }

    @Test
    void aRequestForHumanReviewIsNotAPass() {
        Score score = VerifierScorer.of(HumanReviewVerifier.always("review", "every summary is reviewed")).score(context("x"));
        assertThat(score.passed()).isFalse();
        assertThat(score.explanation()).contains("needs human review");
    }

    @Test
    void aVerifierThatThrowsScoresZeroFailClosed() {
        Verifier broken = Verifier.named("broken", c -> {
            throw new IllegalStateException("boom");
        });
        Score score = VerifierScorer.of(broken).score(context("x"));
        assertThat(score.passed()).isFalse();
        assertThat(score.explanation()).contains("VERIFIER_ERROR");
    }
}
