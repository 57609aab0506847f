package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceEntryTest {

    @Test
    void aCopyFromToBuilderEqualsTheOriginal() {
        for (int i = 0; i < 6; i++) {
            ProvenanceEntry e = Fixtures.entry(i);
            assertThat(e.toBuilder().build()).isEqualTo(e).hasSameHashCodeAs(e);
        }
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        ProvenanceEntry e = Fixtures.entry(0);

        ProvenanceEntry approved = e.toBuilder().approver("alice").build();

        assertThat(approved.approver()).contains("alice");
        assertThat(approved.artifactDigest()).isEqualTo(e.artifactDigest());
        assertThat(approved).isNotEqualTo(e);
    }

    @Test
    void runIdAndStepMustNotBeBlank() {
        assertThatThrownBy(() -> ProvenanceEntry.builder(" ", "s", Decision.ACCEPTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId");
        assertThatThrownBy(() -> ProvenanceEntry.builder("r", "", Decision.ACCEPTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
    }

    @Test
    void anArtifactDigestMustBeSha256Hex() {
        assertThatThrownBy(() -> ProvenanceEntry.builder("r", "s", Decision.ACCEPTED).artifactDigest("ABC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("artifactDigest");
    }

    @Test
    void timeDefaultsToWhenBuildRuns() {
        Instant before = Instant.now();

        ProvenanceEntry e = ProvenanceEntry.builder("r", "s", Decision.FAILED).build();

        assertThat(e.time()).isBetween(before, Instant.now());
    }

    @Test
    void listsAreCopied() {
        List<VerdictSummary> verdicts = new ArrayList<>(List.of(VerdictSummary.pass("a")));
        ProvenanceEntry e = ProvenanceEntry.builder("r", "s", Decision.ACCEPTED).verdicts(verdicts).build();

        verdicts.add(VerdictSummary.pass("b"));

        assertThat(e.verdicts()).extracting(VerdictSummary::verifierId).containsExactly("a");
    }
}
