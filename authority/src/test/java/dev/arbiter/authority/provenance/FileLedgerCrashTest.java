package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends to a file ledger and prints every acknowledged index; it is killed with SIGKILL at a random
 * moment. Every acknowledged append must be in the file and the chain must verify (after the reported repair of
 * a partial last line, where there is one). Set {@code -Darbiter.soak=true} for 30 rounds instead of 4.
 */
class FileLedgerCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
        rounds(4, new Random(42));
    }

    @Test
    @EnabledIfSystemProperty(named = "arbiter.soak", matches = "true")
    void everyAcknowledgedAppendSurvivesManySigkills() throws Exception {
        rounds(30, new Random());
    }

    private void rounds(int rounds, Random random) throws Exception {
        Path file = dir.resolve("crash.jsonl");
        int acknowledged = 0;
        int repairs = 0;
        for (int round = 0; round < rounds; round++) {
            boolean group = round % 2 == 1;
            List<String> out;
            try (ChildJvm child = ChildJvm.start("file", file.toString(), group ? "GROUP_COMMIT" : "FSYNC_EACH",
                    group ? "4" : "1", "-1")) {
                child.awaitLine("ack ", 60_000);
                Thread.sleep(50 + random.nextInt(400));
                out = child.kill();
            }
            repairs += (int) out.stream().filter(l -> l.startsWith("repair ")).count();
            try (FileLedger ledger = ProvenanceLedger.file(file).repairPartialLastLine(true).open()) {
                if (ledger.repair().isPresent()) repairs++;
                assertThat(ledger.verify().isValid()).as("round %d: %s", round, ledger.verify()).isTrue();
                for (String line : out) {
                    if (!line.startsWith("ack ")) continue;
                    String[] parts = line.split(" ");
                    long index = Long.parseLong(parts[1]);
                    assertThat(index).as("round %d: acknowledged index", round).isLessThan(ledger.size());
                    assertThat(ledger.read(index, index + 1).get(0).entry().runId())
                            .as("round %d: record %d", round, index).isEqualTo(parts[2]);
                    acknowledged++;
                }
            }
        }
        System.out.printf("crash test: %d rounds, %d acknowledged appends all present, %d partial-line repairs%n",
                rounds, acknowledged, repairs);
        assertThat(acknowledged).isGreaterThanOrEqualTo(rounds);
    }

    @Test
    void anotherProcessCannotOpenTheLedgerForAppendingWhileItIsOpen() throws Exception {
        Path file = dir.resolve("locked.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).open()) {
            ledger.append(Fixtures.entry(0));
            try (ChildJvm child = ChildJvm.start("lock", file.toString())) {
                assertThat(child.finish(60)).singleElement().asString()
                        .startsWith("refused ").contains("open for appending in another process");
            }
        }
        try (ChildJvm child = ChildJvm.start("lock", file.toString())) {
            assertThat(child.finish(60)).containsExactly("opened 1");
        }
    }
}
