package dev.arbiter.workflow.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ToolCall;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Steps;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ToolStepTest {

    private final AtomicInteger reads = new AtomicInteger();

    private Pipeline<String, String> pipeline(PermissionEnvelope envelope) {
        ToolGateway gateway = ToolGateway.builder(envelope, ProvenanceLedger.inMemory(),
                        ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1)))
                .tool(Tool.of(ToolLoopTest.READ_INBOX, a -> "inbox " + reads.incrementAndGet()))
                .build();
        return Pipeline.builder("read", Steps.tool("read", gateway, (String s) -> ToolCall.of("c1", "read_inbox", "{}"),
                (String s) -> Evidence.empty()), ArtifactType.text()).build();
    }

    @Test
    void aCallAPersonRejectedEndsTheStepRejectedAndIsNotProposedAgain() {
        ApprovalQueue queue = ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1));
        ToolGateway gateway = ToolGateway.builder(PermissionEnvelope.builder(PolicyRef.of("p", "1"))
                        .grant(ToolLoopTest.READ_INBOX, Grant.builder().approvalRequired(true).build()).build(),
                        ProvenanceLedger.inMemory(), queue)
                .tool(Tool.of(ToolLoopTest.READ_INBOX, a -> "inbox " + reads.incrementAndGet()))
                .build();
        Pipeline<String, String> pipeline = Pipeline.builder("read", Steps.tool("read", gateway,
                (String s) -> ToolCall.of("c1", "read_inbox", "{}"), (String s) -> Evidence.empty()),
                ArtifactType.text()).approvals(queue).build();
        Outcome<String> suspended = pipeline.run("run-rej", "x");
        String id = ((Outcome.Escalated<String>) suspended).pendingId();
        queue.reject(id, "bob", "not during the audit");

        Outcome<String> resumed = pipeline.run("run-rej", "x");

        assertThat(resumed).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.findings())
                .singleElement().satisfies(f -> {
                    dev.arbiter.authority.verify.Finding finding = (dev.arbiter.authority.verify.Finding) f;
                    assertThat(finding.mode()).isEqualTo(FailureMode.POLICY_VIOLATION);
                    assertThat(finding.message()).contains("bob").contains("not during the audit");
                }));
        assertThat(queue.pending()).isEmpty();
        assertThat(reads.get()).isZero();
        assertThat(pipeline.run("run-rej", "x")).isInstanceOf(Outcome.Rejected.class);
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void anAllowedCallRunsAndItsOutputIsTheValue() {
        Outcome<String> outcome = pipeline(PermissionEnvelope.builder(PolicyRef.of("p", "1"))
                .grant(ToolLoopTest.READ_INBOX, Grant.unrestricted()).build()).run("run-t", "x");

        assertThat(outcome).isEqualTo(Outcome.accepted("inbox 1", "run-t"));
    }

    @Test
    void aDeniedCallDoesNotRunAndRejectsTheStep() {
        Outcome<String> outcome = pipeline(PermissionEnvelope.builder(PolicyRef.of("p", "1"))
                .known(ToolLoopTest.READ_INBOX).build()).run("x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.findings()).extracting(f -> ((dev.arbiter.authority.verify.Finding) f).mode())
                        .containsExactly(FailureMode.POLICY_VIOLATION));
        assertThat(reads.get()).isZero();
    }
}
