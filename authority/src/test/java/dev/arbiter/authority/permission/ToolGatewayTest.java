package dev.arbiter.authority.permission;

import static dev.arbiter.authority.permission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.PermissionSummary;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.core.Digests;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Trust;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolGatewayTest {

    private final List<String> sent = new ArrayList<>();
    private final ProvenanceLedger ledger = ProvenanceLedger.inMemory();
    private final ApprovalQueue approvals = ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofMinutes(5));

    private ToolGateway gateway(Tool.Executor balance) {
        PermissionEnvelope envelope = PermissionEnvelope.builder(POLICY)
                .grant(SEND, Grant.builder().untrustedValues(Refusal.APPROVE).build())
                .grant(ToolDescriptor.of(BALANCE, SideEffect.READ).withOutputTrust(Trust.TRUSTED), Grant.unrestricted())
                .build();
        return ToolGateway.builder(envelope, ledger, approvals)
                .tool(Tool.of(SEND, args -> {
                    sent.add(args.get("recipient").asText());
                    return "sent";
                }))
                .tool(Tool.of(ToolDescriptor.of(BALANCE, SideEffect.READ), balance))
                .build();
    }

    private List<ProvenanceEntry> entries() {
        return ledger.read(0, ledger.size()).stream().map(r -> r.entry()).toList();
    }

    @Test
    void allowedCallIsExecutedAndRecordedWithDigestsAndLabelledTrust() {
        ToolCall call = ToolCall.of("c1", "get_balance", "{}");
        GatewayResult r = gateway(args -> "1810.0").handle(call, context("what is my balance?", ""));
        assertThat(r).isInstanceOfSatisfying(GatewayResult.Executed.class, e -> {
            assertThat(e.output()).isEqualTo("1810.0");
            assertThat(e.source().trust()).isEqualTo(Trust.UNTRUSTED);
            assertThat(e.source().origin()).isEqualTo("tool:get_balance");
        });
        ProvenanceEntry entry = entries().get(0);
        assertThat(entries()).hasSize(1);
        assertThat(entry.decision()).isEqualTo(Decision.TOOL_EXECUTED);
        assertThat(entry.artifactDigest()).contains(Digests.sha256Hex("1810.0"));
        assertThat(entry.permissions()).singleElement().satisfies(p -> {
            assertThat(p.callDigest()).isEqualTo(ToolCalls.digest(call));
            assertThat(p.decision()).isEqualTo(PermissionSummary.Outcome.ALLOW);
            assertThat(p.reason()).contains("test-policy@7");
        });
        assertThat(entry.note()).get().asString().contains("arguments sha256 " + Digests.sha256Hex("{}"));
    }

    @Test
    void regressionACallWithABlankNameIsRefusedAndRecordedInsteadOfThrowing() {
        for (String name : List.of("", "   ")) {
            GatewayResult r = gateway(args -> "0").handle(ToolCall.of("c1", name, "{}"), context("", ""));
            assertThat(r).isInstanceOfSatisfying(GatewayResult.Refused.class,
                    f -> assertThat(f.decision().rule()).isEqualTo("unknown-tool"));
        }
        assertThat(entries()).hasSize(2).allSatisfy(e -> {
            assertThat(e.decision()).isEqualTo(Decision.REJECTED);
            assertThat(e.step()).isEqualTo("tool:" + ToolGateway.BLANK_NAME);
            assertThat(e.permissions()).singleElement().extracting(PermissionSummary::toolName)
                    .isEqualTo(ToolGateway.BLANK_NAME);
        });
        assertThat(sent).isEmpty();
    }

    @Test
    void deniedCallIsNotExecutedAndIsRecordedAsRejected() {
        GatewayResult r = gateway(args -> "0").handle(ToolCall.of("c1", "wire_all", "{}"), context("", ""));
        assertThat(r).isInstanceOfSatisfying(GatewayResult.Refused.class,
                f -> assertThat(f.decision().failureMode()).isEqualTo(FailureMode.TOOL_MISDECLARED));
        assertThat(entries()).singleElement().extracting(ProvenanceEntry::decision).isEqualTo(Decision.REJECTED);
    }

    @Test
    void escalatedCallWaitsThenRunsOnceAfterApprovalWithTheApproverRecorded() {
        ToolGateway g = gateway(args -> "0");
        ToolCall call = ToolCall.of("c1", "send_money", "{\"recipient\":\"US133000000121212121212\",\"amount\":5}");
        DecisionContext ctx = context("pay the bill", "bill: US133000000121212121212");
        GatewayResult first = g.handle(call, ctx);
        assertThat(first).isInstanceOf(GatewayResult.AwaitingApproval.class);
        assertThat(sent).isEmpty();
        approvals.approve(((GatewayResult.AwaitingApproval) first).approval().id(), "emma", "my landlord");
        GatewayResult second = g.handle(call, ctx);
        assertThat(second).isInstanceOf(GatewayResult.Executed.class);
        assertThat(((GatewayResult.Executed) second).approvedBy()).map(Approval::approver).contains("emma");
        GatewayResult replay = g.handle(call, ctx);
        assertThat(replay).isInstanceOf(GatewayResult.AwaitingApproval.class);
        assertThat(sent).containsExactly("US133000000121212121212");
        assertThat(entries()).extracting(ProvenanceEntry::decision)
                .containsExactly(Decision.ESCALATED, Decision.TOOL_EXECUTED, Decision.ESCALATED);
        assertThat(entries().get(1).approver()).contains("emma");
    }

    @Test
    void toolThatThrowsFailsWithItsCauseAndIsNeverRecordedAsExecuted() {
        IllegalStateException boom = new IllegalStateException("bank offline");
        GatewayResult r = gateway(args -> {
            throw boom;
        }).handle(ToolCall.of("c1", "get_balance", "{}"), context("", ""));
        assertThat(r).isInstanceOfSatisfying(GatewayResult.Failed.class, f -> {
            assertThat(f.failure().failureMode()).isEqualTo(FailureMode.TOOL_FAILED);
            assertThat(f.failure().getCause()).isSameAs(boom);
        });
        assertThat(entries()).singleElement().satisfies(e -> {
            assertThat(e.decision()).isEqualTo(Decision.FAILED);
            assertThat(e.artifactDigest()).isEmpty();
            assertThat(e.note()).get().asString().contains("bank offline");
        });
    }

    @Test
    void gatewayRegistriesVouchForTheirValuesAndNothingElse() {
        PermissionEnvelope envelope = PermissionEnvelope.builder(POLICY)
                .grant(SEND, Grant.builder().registered("recipient", "payees").build())
                .build();
        ToolGateway g = ToolGateway.builder(envelope, ledger, approvals)
                .registries(Registries.of(java.util.Map.of("payees", List.of("GB29NWBK60161331926819"))))
                .tool(Tool.of(SEND, args -> {
                    sent.add(args.get("recipient").asText());
                    return "sent";
                }))
                .build();
        DecisionContext ctx = context("refund the dinner", "GB29NWBK60161331926819 US133000000121212121212");
        GatewayResult paid = g.handle(ToolCall.of("c1", "send_money",
                "{\"recipient\":\"GB29 NWBK 6016 1331 9268 19\",\"amount\":10}"), ctx);
        GatewayResult refused = g.handle(ToolCall.of("c2", "send_money",
                "{\"recipient\":\"US133000000121212121212\",\"amount\":10}"), ctx);
        assertThat(paid).isInstanceOf(GatewayResult.Executed.class);
        assertThat(refused).isInstanceOf(GatewayResult.Refused.class);
        assertThat(((GatewayResult.Refused) refused).decision().rule()).isEqualTo("provenance:recipient");
        assertThat(sent).containsExactly("GB29 NWBK 6016 1331 9268 19");
    }
}
