package dev.arbiter.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.Ed25519Keys;
import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerVerifyCommandTest {

    @TempDir
    Path dir;

    Path fileLedger(int n) {
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            Ledgers.fill(ledger, n);
        }
        return file;
    }

    @Test
    void anIntactFileLedgerIsValidWithItsHead() {
        Path file = dir.resolve("ledger.jsonl");
        List<ProvenanceRecord> records;
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            records = Ledgers.fill(ledger, 6);
        }

        Ledgers.Run run = Ledgers.run(new LedgerVerifyCommand(), file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("valid: 6 records\nhead: 6:" + records.get(5).hash() + "\n");
    }

    @Test
    void anEditedRecordIsReportedWithItsIndexAndReasonAndExitCodeOne() throws IOException {
        Path file = fileLedger(6);
        Files.writeString(file, Files.readString(file).replace("kb:doc-2", "kb:doc-X"));

        Ledgers.Run run = Ledgers.run(new LedgerVerifyCommand(), file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("broken at index 2: CHANGED\nrecord 2 (line 3 of " + file + ") was changed");
    }

    @Test
    void aPartialLastLineIsReportedAsTruncated() throws IOException {
        Path file = fileLedger(3);
        Files.writeString(file, "{\"decis", StandardOpenOption.APPEND);

        Ledgers.Run run = Ledgers.run(new LedgerVerifyCommand(), file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("broken at index 3: TRUNCATED_LINE\n");
    }

    @Test
    void anAnchorFindsTheNewestRecordCutOff() throws IOException {
        Path file = fileLedger(5);
        String head = Ledgers.run(new LedgerVerifyCommand(), file.toString()).out().lines()
                .filter(l -> l.startsWith("head: ")).findFirst().orElseThrow().substring(6);
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 4));

        assertThat(Ledgers.run(new LedgerVerifyCommand(), file.toString()).exitCode()).isZero();
        Ledgers.Run anchored = Ledgers.run(new LedgerVerifyCommand(), file.toString(), "--head", head);
        assertThat(anchored.exitCode()).isEqualTo(1);
        assertThat(anchored.out()).startsWith("broken at index 4: REMOVED\n");
    }

    @Test
    void signaturesAreCheckedWithAPublicKeyFile() throws IOException {
        KeyPair keys = Ed25519Keys.generate();
        Path file = dir.resolve("signed.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).signer(RecordSigner.ed25519(keys)).open()) {
            Ledgers.fill(ledger, 3);
        }
        Path right = Files.writeString(dir.resolve("right.pem"), Ed25519Keys.toPem(keys.getPublic()));
        Path wrong = Files.writeString(dir.resolve("wrong.pem"), Ed25519Keys.toPem(Ed25519Keys.generate().getPublic()));

        assertThat(Ledgers.run(new LedgerVerifyCommand(), file.toString(), "--public-key", right.toString()).out())
                .startsWith("valid: 3 records");
        Ledgers.Run bad = Ledgers.run(new LedgerVerifyCommand(), file.toString(), "--public-key", wrong.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).startsWith("broken at index 0: BAD_SIGNATURE\n");
    }

    @Test
    void aJdbcLedgerIsVerifiedThroughItsUrl() {
        String url = "jdbc:h2:mem:verifycmd;DB_CLOSE_DELAY=-1";
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(url, "sa", "").table("decisions").open()) {
            Ledgers.fill(ledger, 4);
        }

        Ledgers.Run run = Ledgers.run(new LedgerVerifyCommand(), url, "--user", "sa", "--password", "",
                "--table", "decisions");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("valid: 4 records\n");
    }

    @Test
    void aMissingLedgerIsExitCodeTwoWithAMessage() {
        Ledgers.Run run = Ledgers.run(new LedgerVerifyCommand(), dir.resolve("nope.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read").contains("nope.jsonl");
    }

    @Test
    void aMissingTableIsExitCodeTwoAndCreatesNothing() {
        String url = "jdbc:h2:mem:emptydb;DB_CLOSE_DELAY=-1";

        Ledgers.Run run = Ledgers.run(new LedgerVerifyCommand(), url, "--user", "sa");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no provenance ledger table 'arbiter_provenance'");
        assertThat(Ledgers.run(new LedgerVerifyCommand(), url, "--user", "sa").exitCode()).isEqualTo(2);
    }
}
