package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.NumericLimit;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.Refusal;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Message;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.trace.TraceEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool call executes once per run: a repair attempt or a resumed run that proposes it again gets the recorded
 * output, and a grant's call limit counts the run, not one pass of the tool loop.
 */
class ToolJournalTest {

    static final ToolDescriptor REFUND = ToolDescriptor.of(ToolSpec.of("refund", "Refunds an order.", """
            {"type":"object","required":["order","amount"],
             "properties":{"order":{"type":"string"},"amount":{"type":"number"}}}"""), SideEffect.IRREVERSIBLE);
    static final String VALID = "{\"number\":\"INV-9902\",\"total\":2380}";

    private final ProvenanceLedger ledger = ProvenanceLedger.inMemory();
    private final Map<String, Integer> refunds = new ConcurrentHashMap<>();
    private final Fixtures.Recorder recorder = new Fixtures.Recorder();

    @TempDir
    Path dir;

    private static Generation calls(ToolCall... calls) {
        return Generation.ofToolCalls(calls).toBuilder().modelId("gpt-4o-mini").build();
    }

    private static ToolCall refund(String id, String order, int amount) {
        return ToolCall.of(id, "refund", "{\"order\":\"" + order + "\",\"amount\":" + amount + "}");
    }

    private Pipeline<String, Invoice> pipeline(Grant grant, ScriptedGenerator model, ApprovalQueue queue) {
        PermissionEnvelope envelope = PermissionEnvelope.builder(PolicyRef.of("refunds", "1")).grant(REFUND, grant)
                .build();
        ToolGateway gateway = ToolGateway.builder(envelope, ledger, queue).tool(Tool.of(REFUND, args -> {
            String order = args.path("order").asText();
            refunds.merge(order, 1, Integer::sum);
            return "refunded " + args.path("amount").asText() + " on " + order;
        })).build();
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("settle",
                        ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(model).verifier(JsonSchemaVerifier.create())
                .tools(gateway, 5).build();
        return Pipeline.builder("refunds", step, ArtifactType.of(Invoice.class)).ledger(ledger).listener(recorder)
                .approvals(queue).checkpoints(CheckpointStore.file(dir)).build();
    }

    private static ApprovalQueue queue() {
        return ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1));
    }

    @Test
    void aRepairAttemptThatProposesAnExecutedCallAgainGetsItsOutputAndTheToolDoesNotRunTwice() {
        ScriptedGenerator model = ScriptedGenerator.of(
                calls(refund("c1", "A1", 10)), answer("not JSON"),        // attempt 1: refund, then a broken answer
                calls(refund("c7", "A1", 10)), answer(VALID));            // attempt 2 (repair): the same refund again

        Outcome<Invoice> outcome = pipeline(Grant.unrestricted(), model, queue()).run("run-repair", "Settle A1.");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(refunds).containsExactly(Map.entry("A1", 1));
        assertThat(recorder.of(TraceEvent.ToolCallEnded.class)).extracting(TraceEvent.ToolCallEnded::decision)
                .containsExactly("executed", "replayed");
        // The model saw the same output both times, under the call id it used.
        Message.ToolResult replayed = (Message.ToolResult) model.lastRequest().messages()
                .get(model.lastRequest().messages().size() - 1);
        assertThat(replayed.toolCallId()).isEqualTo("c7");
        assertThat(replayed.content()).endsWith("refunded 10 on A1");
        assertThat(ledger.read(0, ledger.size())).filteredOn(r -> r.entry().decision() == Decision.TOOL_EXECUTED)
                .hasSize(1);
    }

    @Test
    void aRunResumedAfterAnApprovalDoesNotRepeatTheCallsItExecutedBeforeItSuspended() {
        Grant grant = Grant.builder().limit("amount", NumericLimit.between(0, 50).onBreach(Refusal.APPROVE)).build();
        ScriptedGenerator model = ScriptedGenerator.of(
                calls(refund("c1", "A1", 10)), calls(refund("c2", "A2", 120)),                  // suspends on A2
                calls(refund("c1", "A1", 10)), calls(refund("c2", "A2", 120)), answer(VALID));  // after the approval
        ApprovalQueue queue = queue();
        Pipeline<String, Invoice> pipeline = pipeline(grant, model, queue);

        Outcome<Invoice> suspended = pipeline.run("run-resume", "Settle A1 and A2.");
        assertThat(suspended).isInstanceOf(Outcome.Escalated.class);
        assertThat(refunds).containsExactly(Map.entry("A1", 1));
        queue.approve(((Outcome.Escalated<Invoice>) suspended).pendingId(), "alice", "checked the order");

        Outcome<Invoice> resumed = pipeline.run("run-resume", "Settle A1 and A2.");

        assertThat(resumed).isInstanceOf(Outcome.Accepted.class);
        assertThat(refunds).containsOnly(Map.entry("A1", 1), Map.entry("A2", 1));
        assertThat(recorder.of(TraceEvent.ToolCallEnded.class)).extracting(TraceEvent.ToolCallEnded::decision)
                .containsExactly("executed", "pending", "replayed", "executed");
    }

    @Test
    void aCallThatRanTwiceInOnePassIsReplayedTwiceAndAThirdRuns() {
        ScriptedGenerator model = ScriptedGenerator.of(
                calls(refund("c1", "A1", 10), refund("c2", "A1", 10)), answer("not JSON"),
                calls(refund("c3", "A1", 10), refund("c4", "A1", 10), refund("c5", "A1", 10)), answer(VALID));

        Outcome<Invoice> outcome = pipeline(Grant.unrestricted(), model, queue()).run("run-twice", "Settle A1.");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(refunds).containsExactly(Map.entry("A1", 3));
        assertThat(recorder.of(TraceEvent.ToolCallEnded.class)).extracting(TraceEvent.ToolCallEnded::decision)
                .containsExactly("executed", "executed", "replayed", "replayed", "executed");
    }

    @Test
    void aCallLimitCountsTheWholeRunNotOnePass() {
        Grant grant = Grant.builder().maxCallsPerRun(1).build();
        ScriptedGenerator model = ScriptedGenerator.of(
                calls(refund("c1", "A1", 10)), answer("not JSON"),
                calls(refund("c2", "B7", 10)), answer(VALID));           // a different refund in the repair

        Outcome<Invoice> outcome = pipeline(grant, model, queue()).run("run-limit", "Settle A1.");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(refunds).containsExactly(Map.entry("A1", 1));
        List<TraceEvent.ToolCallEnded> ended = recorder.of(TraceEvent.ToolCallEnded.class);
        assertThat(ended).extracting(TraceEvent.ToolCallEnded::decision).containsExactly("executed", "denied");
        assertThat(ended.get(1).detail()).contains("limit is 1");
    }
}
