package dev.arbiter.authority.provenance;

import dev.arbiter.core.Digests;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Trust;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sample provenance entries for the ledger tests: varied parts, deterministic content. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Fixtures() {}

    /** Returns the digest of a short text, for digests in fixtures. */
    public static String digest(String text) {
        return Digests.sha256Hex(text);
    }

    /** Returns entry number i: two entries per run; every third one accepted with an artifact. */
    public static ProvenanceEntry entry(int i) {
        Decision decision = i % 3 == 0 ? Decision.ACCEPTED : i % 3 == 1 ? Decision.REJECTED : Decision.ESCALATED;
        ProvenanceEntry.Builder b = ProvenanceEntry.builder("run-" + (i / 2), "step-" + i, decision)
                .time(T0.plusSeconds(i))
                .contract(ContractRef.of("claims-summary", "3", digest("contract v3")))
                .evidence(List.of(new EvidenceRef("kb:doc-" + i, digest("doc " + i), Trust.UNTRUSTED),
                        new EvidenceRef("user:request", digest("request"), Trust.TRUSTED)))
                .model(ModelCall.of("gpt-4o-2024-08-06", digest("request " + i), digest("generation " + i)));
        if (decision == Decision.ACCEPTED) {
            b.verdicts(List.of(VerdictSummary.pass("json-schema"), VerdictSummary.pass("citations")))
                    .artifactDigest(artifact(i));
        } else if (decision == Decision.REJECTED) {
            b.verdicts(List.of(VerdictSummary.pass("json-schema"), VerdictSummary.fail("citations",
                    List.of(FailureMode.HALLUCINATION), List.of("quote \"net loss\" not found in kb:doc-" + i))));
        } else {
            b.permissions(List.of(new PermissionSummary("send_email", digest("call " + i),
                    PermissionSummary.Outcome.NEEDS_APPROVAL, "external-mail", "recipient outside the company")));
        }
        return b.build();
    }

    /** Returns the artifact digest of entry i (set on accepted entries). */
    public static String artifact(int i) {
        return digest("artifact " + i);
    }

    /** Appends entries 0 to n-1 and returns the records. */
    public static List<ProvenanceRecord> fill(ProvenanceLedger ledger, int n) {
        List<ProvenanceRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(ledger.append(entry(i)));
        }
        return records;
    }
}
