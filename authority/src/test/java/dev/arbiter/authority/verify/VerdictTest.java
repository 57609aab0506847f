package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static Finding finding(FailureMode mode) {
        return Finding.of("v", mode, Location.whole(), "wrong", "Fix it.");
    }

    @Test
    void failNeedsAFindingAndReportsItsModes() {
        assertThatThrownBy(() -> Verdict.fail("v", List.of())).hasMessageContaining("at least one finding");
        Verdict.Fail fail = Verdict.fail("v", finding(FailureMode.HALLUCINATION), finding(FailureMode.SCHEMA_VIOLATION));
        assertThat(fail.modes()).containsExactly(FailureMode.SCHEMA_VIOLATION, FailureMode.HALLUCINATION);
    }

    @Test
    void verdictsCopyTheirLists() {
        List<String> notes = new ArrayList<>(List.of("a"));
        Verdict.Pass pass = Verdict.pass("v", notes);
        notes.add("b");
        assertThat(pass.notes()).containsExactly("a");
    }

    @Test
    void humanReviewNeedsAReason() {
        assertThatThrownBy(() -> Verdict.humanReview("v", " ")).hasMessageContaining("needs a reason");
        assertThat(Verdict.humanReview("v", "amount over 10,000").reason()).isEqualTo("amount over 10,000");
    }

    @Test
    void findingNeedsAMessageAndFeedback() {
        assertThatThrownBy(() -> Finding.of("v", FailureMode.HALLUCINATION, Location.whole(), "", "Fix."))
                .hasMessageContaining("blank message");
        assertThatThrownBy(() -> Finding.of("v", FailureMode.HALLUCINATION, Location.whole(), "wrong", " "))
                .hasMessageContaining("blank feedback");
    }
}
