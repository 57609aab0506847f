package dev.arbiter.authority.permission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.ToolCall;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC approval queue on a real (embedded) PostgreSQL, across a JVM restart. */
class JdbcApprovalQueuePostgresTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void pendingApprovalCreatedInAnotherJvmSurvivesAndIsApprovedAndConsumedHereOnce() throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        String args = "{\"recipient\":\"US133000000121212121212\",\"amount\":10}";
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ApprovalQueueMain.class.getName(), url, "postgres",
                "postgres", "run-restart", "send_money", args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(line).startsWith("PENDING ");
        String id = line.substring("PENDING ".length());

        ApprovalQueue here = ApprovalQueue.jdbc(postgres.getPostgresDatabase(), Clock.systemUTC(), Duration.ofHours(1));
        assertThat(here.pending()).extracting(Approval::id).contains(id);
        here.approve(id, "ops@bank", "verified by phone");
        String digest = ToolCalls.digest(ToolCall.of("other-id", "send_money", args));
        assertThat(here.consume("run-restart", ToolCalls.digest(ToolCall.of("x", "send_money",
                "{\"recipient\":\"US133000000121212121212\",\"amount\":11}")))).isEmpty();
        assertThat(here.consume("run-restart", digest)).map(Approval::approver).contains("ops@bank");
        assertThat(here.consume("run-restart", digest)).isEmpty();
    }
}
