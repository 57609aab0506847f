package dev.arbiter.workflow.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.ApprovalQueue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An approval suspends a run in one JVM; a person approves; the run resumes in another JVM from PostgreSQL
 * (checkpoints and the approval queue), executing the approved call exactly once.
 */
class ApprovalResumePostgresTest {

    @Test
    void anApprovalSuspendsARunAndTheRunResumesAfterApprovalInAnotherJvm() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            List<String> printed = child(url, "run-appr-1");
            String pendingId = printed.stream().filter(l -> l.startsWith("escalated ")).findFirst().orElseThrow()
                    .substring("escalated ".length());

            DataSource ds = CrashingRunMain.dataSource(url, "postgres", "postgres");
            ApprovalQueue approvals = ApprovalQueue.jdbc(ds, Clock.systemUTC(), Duration.ofHours(1));
            assertThat(approvals.find(pendingId)).hasValueSatisfying(
                    a -> assertThat(a.status()).isEqualTo(Approval.Status.PENDING));
            approvals.approve(pendingId, "alice", "invoice checked");

            List<String> resumed = child(url, "run-appr-1");
            assertThat(resumed).contains("accepted paid INV-77", "payments 1", "extract generations 0");
            assertThat(approvals.find(pendingId)).hasValueSatisfying(
                    a -> assertThat(a.status()).isEqualTo(Approval.Status.CONSUMED));
        }
    }

    private static List<String> child(String url, String runId) throws Exception {
        ChildJvm.Result r = ChildJvm.run(ApprovalRunMain.class, url, "postgres", "postgres", runId);
        assertThat(r.exitCode()).as("child printed %s", r.lines()).isZero();
        return r.lines();
    }
}
