package dev.arbiter.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerExplainCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsExplainedRecordByRecordAfterTheChainStatus() {
        Path file = dir.resolve("ledger.jsonl");
        List<ProvenanceRecord> records;
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            records = Ledgers.fill(ledger, 6);
        }

        Ledgers.Run run = Ledgers.run(new LedgerExplainCommand(), file.toString(), "run-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("chain: valid, 6 records, head 6:" + records.get(5).hash() + "\n\n"
                        + "chain of custody of run-1: 2 records\n")
                .contains("record 2  2025-03-01T10:00:02Z  run run-1  step verify  REJECTED")
                .contains("record 3  2025-03-01T10:00:03Z  run run-1  step decide  ACCEPTED")
                .contains("evidence   kb:doc-2  sha256 ")
                .contains("citations  FAIL  [HALLUCINATION]")
                .contains("approver   alice")
                .contains("artifact   sha256 " + Ledgers.artifact(3));
    }

    @Test
    void anArtifactDigestIsExplainedFromAJdbcLedger() {
        String url = "jdbc:h2:mem:explaincmd;DB_CLOSE_DELAY=-1";
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(url, "sa", "").open()) {
            Ledgers.fill(ledger, 6);
        }

        Ledgers.Run run = Ledgers.run(new LedgerExplainCommand(), url, Ledgers.artifact(5), "--user", "sa");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("chain of custody of " + Ledgers.artifact(5) + ": 1 record\n")
                .contains("record 5  2025-03-01T10:00:05Z  run run-2  step decide  ACCEPTED");
    }

    @Test
    void anUnknownIdIsExitCodeOne() {
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            Ledgers.fill(ledger, 2);
        }

        Ledgers.Run run = Ledgers.run(new LedgerExplainCommand(), file.toString(), "run-42");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).endsWith("no record has run id or artifact digest run-42\n");
    }

    @Test
    void aBrokenChainIsSaidBeforeTheRecords() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            Ledgers.fill(ledger, 4);
        }
        Files.writeString(file, Files.readString(file).replace("\"approver\":\"alice\"", "\"approver\":\"mallory\""));

        Ledgers.Run run = Ledgers.run(new LedgerExplainCommand(), file.toString(), "run-0");

        assertThat(run.out()).startsWith("chain: BROKEN at index 1 (CHANGED)")
                .contains("do not rely on them").contains("approver   mallory").contains("DOES NOT MATCH");
    }
}
