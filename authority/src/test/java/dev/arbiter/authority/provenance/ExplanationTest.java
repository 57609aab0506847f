package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    @Test
    void theRenderingNamesContractEvidenceModelVerdictsDecisionAndApprover() {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        ProvenanceRecord escalated = ledger.append(Fixtures.entry(2));
        ProvenanceRecord approved = ledger.append(Fixtures.entry(2).toBuilder().approver("alice@example.com").build());

        String text = new Explanation("run-1", List.of(escalated, approved)).render();

        assertThat(text).startsWith("chain of custody of run-1: 2 records\n")
                .contains("record 0  2025-03-01T10:00:02Z  run run-1  step step-2  ESCALATED")
                .contains("contract   claims-summary version 3 (fingerprint " + Fixtures.digest("contract v3") + ")")
                .contains("evidence   kb:doc-2  sha256 " + Fixtures.digest("doc 2") + "  UNTRUSTED")
                .contains("user:request  sha256 " + Fixtures.digest("request") + "  TRUSTED")
                .contains("model      gpt-4o-2024-08-06  request " + Fixtures.digest("request 2"))
                .contains("tool calls send_email  call " + Fixtures.digest("call 2") + "  NEEDS_APPROVAL  rule external-mail")
                .contains("approver   alice@example.com")
                .contains("hash       " + approved.hash());
    }

    @Test
    void failedVerdictsListTheirFindings() {
        ProvenanceRecord rejected = ProvenanceLedger.inMemory().append(Fixtures.entry(1));

        String text = new Explanation("run-0", List.of(rejected)).render();

        assertThat(text).contains("citations  FAIL  [HALLUCINATION]").contains("- quote \"net loss\" not found in kb:doc-1");
    }

    @Test
    void aRecordWhoseContentNoLongerMatchesItsHashIsMarked() {
        String line = ProvenanceLedger.inMemory().append(Fixtures.entry(0)).canonicalLine();
        ProvenanceRecord edited = ProvenanceRecord.fromCanonicalLine(line.replace("step-0", "step-X"));

        assertThat(new Explanation("run-0", List.of(edited)).render()).contains("DOES NOT MATCH");
    }

    @Test
    void anEmptyExplanationSaysNothingMatched() {
        Explanation e = new Explanation("run-x", List.of());

        assertThat(e.isEmpty()).isTrue();
        assertThat(e.finalRecord()).isEmpty();
        assertThat(e.render()).isEqualTo("no record has run id or artifact digest run-x\n");
    }
}
