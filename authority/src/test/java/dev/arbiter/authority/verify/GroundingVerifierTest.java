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

    @Test
    void outputOverTheLimitFailsBeforeAnySentenceIsJudged() {
        grounding().text("x".repeat(GroundingVerifier.DEFAULT_MAX_CHARS + 1))
                .fails(FailureMode.SCHEMA_VIOLATION, "more than the limit of 200000");
        VerifierTester.of(GroundingVerifier.create().withMaxChars(40)).source(REPORT)
                .text("Revenue fell 5% to $2.1 billion in the third quarter.")
                .fails(FailureMode.SCHEMA_VIOLATION, "more than the limit of 40");
    }

    @Test
    void regressionASentenceOfSixtyThousandNumbersIsJudgedInLinearTime() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < 60_000; i++) {
            b.append("\"p").append(i).append("\":").append(i).append(',');
        }
        long start = cpuNanos();
        VerifierTester.of(GroundingVerifier.create().withMaxChars(1_000_000)).source(REPORT).text(b.toString())
                .fails(FailureMode.HALLUCINATION, "is not stated in the evidence");
        // quadratic before the fix: about 25 s on the build machine; linear after it: well under a second
        assertThat(cpuNanos() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void regressionNinetyThousandCommaSeparatedDigitsDoNotOverflowTheStack() {
        grounding().text("1,".repeat(90_000) + "1").fails(FailureMode.HALLUCINATION, "is not stated in the evidence");
    }

    /** The current thread's CPU time: a bound on it holds on a shared machine, where wall-clock time does not. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
