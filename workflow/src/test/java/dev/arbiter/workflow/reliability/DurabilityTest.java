package dev.arbiter.workflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.core.Generator;
import dev.arbiter.workflow.CheckpointLog;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.trace.TraceEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child JVM appends to the file ledger, to the PostgreSQL ledger, or runs checkpointed pipelines, and is killed
 * with SIGKILL at a random moment. Every acknowledged record must be there and the chain must verify; a killed run
 * must resume from its checkpoints without repeating a generation whose step was checkpointed.
 */
class DurabilityTest {

    @TempDir
    Path dir;

    private final Random random = new Random(Long.getLong("arbiter.reliability.seed", 4711L));

    @Test
    void everyAcknowledgedFileLedgerAppendSurvivesSigkill() throws Exception {
        int rounds = Reliability.scale(3, 100);
        Path file = dir.resolve("ledger.jsonl");
        int acknowledged = 0;
        int repairs = 0;
        for (int round = 0; round < rounds; round++) {
            boolean group = round % 2 == 1;
            List<String> out;
            try (ChildProcess child = ChildProcess.start("file", file.toString(),
                    group ? "GROUP_COMMIT" : "FSYNC_EACH", group ? "4" : "2")) {
                child.awaitLine("ack ", 60_000);
                Thread.sleep(random.nextInt(400));
                out = child.kill();
            }
            try (FileLedger ledger = ProvenanceLedger.file(file).repairPartialLastLine(true).open()) {
                if (ledger.repair().isPresent()) {
                    repairs++;
                }
                assertThat(ledger.verify().isValid()).as("round %d: %s", round, ledger.verify()).isTrue();
                acknowledged += checkAcks(out, ledger, round);
            }
        }
        Reliability.figure("durability, file ledger", rounds + " SIGKILLs, " + acknowledged
                + " acknowledged appends, 0 lost, chain valid after every kill (" + repairs
                + " torn last lines repaired)");
    }

    private static int checkAcks(List<String> out, ProvenanceLedger ledger, int round) {
        int acks = 0;
        for (String line : out) {
            if (!line.startsWith("ack ")) {
                continue;
            }
            String[] parts = line.split(" ");
            long index = Long.parseLong(parts[1]);
            assertThat(index).as("round %d: acknowledged index", round).isLessThan(ledger.size());
            assertThat(ledger.read(index, index + 1).get(0).entry().runId()).as("round %d: record %d", round, index)
                    .isEqualTo(parts[2]);
            acks++;
        }
        assertThat(acks).as("round %d: appends acknowledged before the kill", round).isPositive();
        return acks;
    }

    @Test
    void everyAcknowledgedPostgresAppendSurvivesSigkill() throws Exception {
        int rounds = Reliability.scale(3, 100);
        int acknowledged = 0;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            for (int round = 0; round < rounds; round++) {
                List<String> out;
                try (ChildProcess child = ChildProcess.start("jdbc", url, "postgres", "postgres", "durable", "3")) {
                    child.awaitLine("ack ", 60_000);
                    Thread.sleep(random.nextInt(400));
                    out = child.kill();
                }
                try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(postgres.getPostgresDatabase()).table("durable")
                        .open()) {
                    assertThat(ledger.verify().isValid()).as("round %d: %s", round, ledger.verify()).isTrue();
                    acknowledged += checkAcks(out, ledger, round);
                }
            }
        }
        Reliability.figure("durability, PostgreSQL ledger", rounds + " SIGKILLs, " + acknowledged
                + " acknowledged appends, 0 lost, chain valid after every kill");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "log"})
    void killedRunsResumeWithoutRepeatingACheckpointedGeneration(String checkpoints) throws Exception {
        int rounds = Reliability.scale(3, 100);
        int next = 0;
        int resumedRuns = 0;
        int savedSteps = 0;
        int rerunSteps = 0;
        for (int round = 0; round < rounds; round++) {
            List<String> out;
            try (ChildProcess child = ChildProcess.start("pipeline", dir.toString(), String.valueOf(next), checkpoints)) {
                child.awaitLine("gen ", 60_000);
                Thread.sleep(random.nextInt(600));
                out = child.kill();
            }
            Set<String> runs = new LinkedHashSet<>();
            Set<String> saved = new HashSet<>();
            for (String line : out) {
                String[] p = line.split(" ");
                if (p[0].equals("gen")) {
                    runs.add(p[1]);
                } else if (p[0].equals("saved")) {
                    saved.add(p[1] + " " + p[2]);
                }
            }
            savedSteps += saved.size();
            CheckpointStore store = DurabilityChildMain.checkpoints(dir, checkpoints);
            try (FileLedger ledger = ProvenanceLedger.file(dir.resolve("ledger.jsonl")).repairPartialLastLine(true)
                    .open()) {
                assertThat(ledger.verify().isValid()).as("round %d: %s", round, ledger.verify()).isTrue();
                for (String run : runs) {
                    List<String> generated = new ArrayList<>();
                    List<String> resumed = new ArrayList<>();
                    String[] step = new String[1];
                    Generator counting = request -> {
                        generated.add(step[0]);
                        return DurabilityChildMain.answer();
                    };
                    Pipeline<String, Invoice> pipeline = DurabilityChildMain.pipeline(counting, store, event -> {
                        if (event instanceof TraceEvent.StepStarted s) {
                            step[0] = s.step();
                        } else if (event instanceof TraceEvent.StepEnded e && e.resumed()) {
                            resumed.add(e.step());
                        }
                    }, ledger);

                    Outcome<Invoice> outcome = pipeline.run(run, "Extract the invoice.");

                    assertThat(outcome.isAccepted()).as("round %d, %s: %s", round, run, outcome).isTrue();
                    for (String s : List.of("extract", "check", "book")) {
                        if (saved.contains(run + " " + s)) {
                            assertThat(resumed).as("round %d, %s: step %s was checkpointed", round, run, s).contains(s);
                            assertThat(generated).as("round %d, %s: step %s generated again", round, run, s)
                                    .doesNotContain(s);
                        } else if (!resumed.contains(s)) {
                            rerunSteps++;
                        }
                    }
                    resumedRuns++;
                }
                assertThat(ledger.verify().isValid()).isTrue();
            } finally {
                if (store instanceof CheckpointLog log) {
                    log.close();
                }
            }
            next += runs.size() + 1;
        }
        Reliability.figure("durability, checkpointed runs (" + checkpoints + ")", rounds + " SIGKILLs of a JVM running three-step "
                + "pipelines: " + resumedRuns + " runs resumed and accepted, " + savedSteps
                + " checkpointed steps not generated again, " + rerunSteps + " unfinished steps run again");
    }
}
