package dev.arbiter.cli.ledger;

import dev.arbiter.authority.provenance.ContractRef;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.EvidenceRef;
import dev.arbiter.authority.provenance.ModelCall;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerdictSummary;
import dev.arbiter.core.Digests;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Trust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Ledgers and command runs for the ledger command tests. */
final class Ledgers {

    private Ledgers() {}

    /** The output of one command run. */
    record Run(int exitCode, String out, String err) {}

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String artifact(int i) {
        return Digests.sha256Hex("artifact " + i);
    }

    /** Appends n records: two per run ("run-0", "run-1", …); the second of each run accepted with an artifact. */
    static List<ProvenanceRecord> fill(ProvenanceLedger ledger, int n) {
        List<ProvenanceRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean accepted = i % 2 == 1;
            ProvenanceEntry.Builder b = ProvenanceEntry.builder("run-" + i / 2, accepted ? "decide" : "verify",
                            accepted ? Decision.ACCEPTED : Decision.REJECTED)
                    .time(Instant.parse("2025-03-01T10:00:00Z").plusSeconds(i))
                    .contract(ContractRef.of("claims-summary", "3", Digests.sha256Hex("contract")))
                    .evidence(List.of(new EvidenceRef("kb:doc-" + i, Digests.sha256Hex("doc " + i), Trust.UNTRUSTED)))
                    .model(ModelCall.of("gpt-4o-2024-08-06", Digests.sha256Hex("request " + i),
                            Digests.sha256Hex("generation " + i)));
            if (accepted) {
                b.verdicts(List.of(VerdictSummary.pass("citations"))).artifactDigest(artifact(i)).approver("alice");
            } else {
                b.verdicts(List.of(VerdictSummary.fail("citations", List.of(FailureMode.HALLUCINATION),
                        List.of("quote \"net loss\" not found in kb:doc-" + i))));
            }
            records.add(ledger.append(b.build()));
        }
        return records;
    }
}
