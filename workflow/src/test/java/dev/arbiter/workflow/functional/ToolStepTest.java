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
