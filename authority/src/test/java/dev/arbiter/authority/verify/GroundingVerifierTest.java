package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import org.junit.jupiter.api.Test;

class GroundingVerifierTest {

    private static final Source REPORT = Source.of("q3-report", "Revenue fell 5% to $2.1 billion in the third quarter, "
            + "the company said on Tuesday. Chief executive Maria Lopez said demand in Europe remained weak.", Trust.UNTRUSTED);

    private static VerifierTester grounding() {
        return VerifierTester.of(GroundingVerifier.create()).source(REPORT);
    }

    @Test
    void textThatSaysWhatTheEvidenceSaysPasses() {
        Verdict.Pass pass = grounding().text("Revenue fell 5% to $2.1 billion in the third quarter. "
                + "Maria Lopez said demand in Europe remained weak.").passes();
        assertThat(pass.notes()).anyMatch(n -> n.contains("2 sentences supported"));
    }

    @Test
    void aChangedNumberIsAHallucinationLocatedAtItsSentenceWithTheClosestEvidence() {
        String text = "Demand in Europe remained weak. Revenue fell 9% to $2.1 billion in the third quarter.";
        Verdict.Fail fail = grounding().text(text).fails(FailureMode.HALLUCINATION, "Revenue fell 9%");

        Finding finding = fail.findings().get(0);
        assertThat(fail.findings()).hasSize(1);
        assertThat(finding.location()).isEqualTo(Location.span(text.indexOf("Revenue"), text.length()));
        assertThat(finding.feedback()).contains("q3-report").contains("Revenue fell 5%");
    }

    @Test
    void anAntonymOfTheEvidenceIsAHallucination() {
        grounding().text("Revenue rose 5% to $2.1 billion in the third quarter.").fails(FailureMode.HALLUCINATION, "Revenue rose");
    }

    @Test
    void blankOutputPassesWithANote() {
        assertThat(grounding().text("  ").passes().notes()).containsExactly("no text to ground");
    }
}
