package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tampering with a ledger file by editing it: every single-record change, removal, swap of adjacent records and
 * insertion of a 20-record ledger is found at its index with its reason. The anchor (the head published before
 * the tampering) is what shows the tail cases; without it, the three cases a hash chain cannot see are listed.
 */
class FileLedgerTamperTest {

    static final int N = 20;

    @TempDir
    static Path dir;

    static @Nullable List<String> lines;
    static ChainHead head;

    @BeforeAll
    static void writeLedger() throws IOException {
        if (lines != null) {
            return;
        }
        Path file = dir.resolve("original.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            head = Fixtures.fill(ledger, N).get(N - 1).head();
        }
        lines = Files.readAllLines(file);
        assertThat(lines).hasSize(N);
    }

    static Stream<TamperCases.Case> cases() throws IOException {
        writeLedger();
        return TamperCases.all(lines).stream();
    }

    private static Path write(TamperCases.Case c) {
        Path file = dir.resolve("tampered-" + Integer.toHexString(c.name().hashCode()) + ".jsonl");
        try {
            Files.writeString(file, String.join("\n", c.lines()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * With the anchor every case is found; without it, a hash chain cannot see the newest record removed or
     * re-hashed, and cannot tell which of two last siblings is the forgery (it reports the later one).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everySingleRecordTamperingIsFoundAtItsIndexWithItsReason(TamperCases.Case c) {
        LedgerReader reader = ProvenanceLedger.file(write(c)).openReader();

        assertThat(reader.verify(VerifyOptions.defaults().withAnchor(head))).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.index()).as(b.message()).isEqualTo(c.index());
            assertThat(b.reason()).as(b.message()).isEqualTo(c.reason());
            assertThat(b.message()).contains(".jsonl");
        });

        LedgerVerification unanchored = reader.verify();
        if (c.name().equals("remove record 19")) {
            assertThat(unanchored).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                    ok -> assertThat(ok.count()).isEqualTo(N - 1));
        } else if (c.name().equals("change and re-hash record 19")) {
            assertThat(unanchored.isValid()).isTrue();
        } else if (c.name().equals("insert a forged record 19 before record 19")) {
            assertThat(unanchored).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).isEqualTo(N);
                assertThat(b.reason()).isEqualTo(Reason.INSERTED);
            });
        } else {
            assertThat(unanchored).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).as(b.message()).isEqualTo(c.index());
                assertThat(b.reason()).as(b.message()).isEqualTo(c.reason());
            });
        }
    }

    @Test
    void anOpenWriterSeesAnEditMadeUnderIt() throws IOException {
        Path file = dir.resolve("live.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            Fixtures.fill(ledger, 8);
            String text = Files.readString(file);
            Files.writeString(file, text.replace("\"step\":\"step-5\"", "\"step\":\"step-5b\""));

            assertThat(ledger.verify()).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).isEqualTo(5);
                assertThat(b.reason()).isEqualTo(Reason.CHANGED);
                assertThat(b.message()).contains("line 6 of " + file);
            });
        }
    }
}
