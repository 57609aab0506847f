package dev.arbiter.workflow.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Outcome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run that crashes mid-pipeline in one JVM resumes in another from PostgreSQL checkpoints, without calling the
 * model again for the completed step.
 */
class PostgresResumeTest {

    @Test
    void aRunThatDiedInAnotherJvmResumesFromPostgresWithoutRepeatingAGeneration() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            ChildJvm.Result child = ChildJvm.run(CrashingRunMain.class, url, "postgres", "postgres", "run-pg-1");
            List<String> printed = child.lines();
            assertThat(child.exitCode()).as("the child died in step 2: %s", printed).isEqualTo(3);
            assertThat(printed).contains("crashing after 1 generation(s)");

            ScriptedGenerator noCalls = ScriptedGenerator.builder().build();
            Outcome<String> resumed = CrashingRunMain.pipeline(noCalls,
                    CheckpointStore.jdbc(CrashingRunMain.dataSource(url, "postgres", "postgres")),
                    invoice -> "booked " + invoice.number() + " " + invoice.total()).run("run-pg-1", "Book the invoice.");

            assertThat(resumed).isEqualTo(Outcome.accepted("booked INV-77 99.5", "run-pg-1"));
            assertThat(noCalls.callCount()).isZero();
        }
    }
}
