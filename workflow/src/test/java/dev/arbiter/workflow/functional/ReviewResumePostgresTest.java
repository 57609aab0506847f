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
 * A verifier asks for human review in one JVM; a person approves the exact candidate; the run resumes in another JVM
 * from PostgreSQL (checkpoints and the approval queue) and accepts that candidate without calling the model.
 */
class ReviewResumePostgresTest {

    @Test
    void anApprovedReviewIsAcceptedInAnotherJvmWithoutANewGeneration() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            List<String> printed = child(url, "run-review-1");
            assertThat(printed).contains("generations 1");
            String pendingId = printed.stream().filter(l -> l.startsWith("escalated ")).findFirst().orElseThrow()
                    .substring("escalated ".length());

            DataSource ds = CrashingRunMain.dataSource(url, "postgres", "postgres");
            ApprovalQueue approvals = ApprovalQueue.jdbc(ds, Clock.systemUTC(), Duration.ofHours(1));
            assertThat(approvals.find(pendingId)).hasValueSatisfying(
                    a -> assertThat(a.request().toolName()).isEqualTo("arbiter.review"));
            assertThat(child(url, "run-review-1")).contains("escalated " + pendingId, "generations 0");
            approvals.approve(pendingId, "alice", "amount confirmed with the supplier");

            List<String> resumed = child(url, "run-review-1");
            assertThat(resumed).contains("accepted A-9 5000.0", "generations 0");
            assertThat(approvals.find(pendingId)).hasValueSatisfying(
                    a -> assertThat(a.status()).isEqualTo(Approval.Status.CONSUMED));
        }
    }

    private static List<String> child(String url, String runId) throws Exception {
        ChildJvm.Result r = ChildJvm.run(ReviewRunMain.class, url, "postgres", "postgres", runId);
        assertThat(r.exitCode()).as("child printed %s", r.lines()).isZero();
        return r.lines();
    }
}
