package dev.arbiter.authority.permission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.PermissionSummary;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.permission.internal.BlockingTools;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Digests;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The only path from a proposed tool call to an executed one.
 *
 * <p>{@code handle(call) = Record(Execute(Approve(Decide(call))))}: the {@link PermissionEnvelope} decides; a call
 * that needs approval runs only if the {@link ApprovalQueue} holds an approval of this exact call for this run,
 * which is then used up (otherwise one is submitted and the call waits); an allowed call runs; exactly one
 * provenance record is appended per call, after the outcome is known: {@code TOOL_EXECUTED} (with the approver),
 * {@code REJECTED}, {@code ESCALATED} or {@code FAILED}. Each record carries the permission summary (tool, call
 * digest, decision, rule, reason with the policy id and version) and a note with the arguments' and the result's
 * digests; an executed call's result digest is also the record's artifact digest. A tool that throws becomes
 * {@link FailureMode#TOOL_FAILED} with the cause, recorded as {@code FAILED} and never as executed.
 *
 * <p>The executed call's output comes back as a {@link Source} labelled with the tool's output trust, for the next
 * request's evidence. Thread-safe if its tools are.
 *
 * <pre>{@code
 * ToolGateway gateway = ToolGateway.builder(envelope, ledger, approvals).tool(sendMoney).tool(balance).build();
 * GatewayResult r = gateway.handle(call, DecisionContext.of(runId, evidence));
 * }</pre>
 */
public final class ToolGateway {

    /** The tool name recorded for a proposed call whose name is blank (no provider accepts it as a tool name). */
    public static final String BLANK_NAME = "(blank)";

    private final PermissionEnvelope envelope;
    private final ProvenanceLedger ledger;
    private final ApprovalQueue approvals;
    private final Map<String, Tool> tools;
    private final @org.jspecify.annotations.Nullable Registries registries;
    private final Executor blockingTools;

    private ToolGateway(Builder b) {
        this.registries = b.registries;
        this.blockingTools = b.blockingTools;
        this.envelope = b.envelope;
        this.ledger = b.redactor.unlessRedacting(b.ledger);
        this.approvals = b.approvals;
        this.tools = Map.copyOf(b.tools);
    }

    /** Returns a builder for a gateway deciding with the envelope, recording in the ledger, asking the queue. */
    public static Builder builder(PermissionEnvelope envelope, ProvenanceLedger ledger, ApprovalQueue approvals) {
        return new Builder(envelope, ledger, approvals);
    }

    /** Decides, approves if needed, executes and records one proposed call. */
    public GatewayResult handle(ToolCall call, DecisionContext given) {
        return handle(call, given, false).join(); // complete already: every stage ran on this thread
    }

    /**
     * As {@link #handle}, holding no thread while the tool runs or its record waits to be stored: the envelope
     * decides on the calling thread; the tool is started with {@link
     * Tool#executeAsync}, and the record is appended with {@link ProvenanceLedger#appendAsync} once its outcome is
     * known. A tool that blocks (its {@code executeAsync} is the default, which calls {@link Tool#execute}: {@link
     * Tool#of}, {@link LangChain4jTools}) runs on the {@link Builder#blockingTools blocking tools' executor}, not on
     * the calling thread, and so does a call that needs approval: the approval queue (a database, perhaps) is asked
     * there. The future completes once the record is stored, on the thread that completed the tool's future or
     * stored the record. It completes exceptionally only with what {@link #handle} would throw: the ledger's failure
     * to store the record (fail closed), or a failure of the envelope or the approval queue.
     */
    public CompletableFuture<GatewayResult> handleAsync(ToolCall call, DecisionContext given) {
        try {
            return handle(call, given, true);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<GatewayResult> handle(ToolCall call, DecisionContext given, boolean async) {
        DecisionContext context = registries == null ? given
                : given.withRegistries(given.registries().or(registries));
        PermissionDecision decision = envelope.decide(call, context);
        String digest = ToolCalls.digest(call);
        PermissionSummary summary = decision.toSummary(recordedName(call), digest);
        if (decision instanceof PermissionDecision.Deny) {
            PermissionDecision.Deny deny = (PermissionDecision.Deny) decision;
            return store(entry(context, call, Decision.REJECTED, summary, null, deny.failureMode() + ": "
                    + deny.reason()), async).thenApply(record -> new GatewayResult.Refused(call, deny, record));
        }
        if (decision instanceof PermissionDecision.NeedsApproval) {
            PermissionDecision.NeedsApproval ask = (PermissionDecision.NeedsApproval) decision;
            if (async) { // the queue may be a database: asked on the blocking tools' executor, not the run's thread
                return CompletableFuture.supplyAsync(() -> approveThenExecute(call, ask, digest, summary, context,
                        true), blockingTools).thenCompose(result -> result);
            }
            return approveThenExecute(call, ask, digest, summary, context, false);
        }
        return execute(call, decision, null, summary, context, async);
    }

    /** Runs the call with an approval of it taken from the queue, or submits one and records that it waits. */
    private CompletableFuture<GatewayResult> approveThenExecute(ToolCall call, PermissionDecision.NeedsApproval ask,
            String digest, PermissionSummary summary, DecisionContext context, boolean async) {
        Optional<Approval> granted = approvals.consume(context.runId(), digest);
        if (granted.isEmpty()) {
            Approval pending = approvals.submit(ApprovalRequest.of(context.runId(), call, ask));
            return store(entry(context, call, Decision.ESCALATED, summary, null, "awaiting approval "
                    + pending.id() + ": " + ask.reason()), async)
                    .thenApply(record -> new GatewayResult.AwaitingApproval(call, ask, pending, record));
        }
        return execute(call, ask, granted.get(), summary, context, async);
    }

    private CompletableFuture<GatewayResult> execute(ToolCall call, PermissionDecision decision,
            @Nullable Approval approval, PermissionSummary summary, DecisionContext context, boolean async) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            ArbiterException failure = ArbiterException.of(FailureMode.TOOL_MISDECLARED, "tool '" + call.name()
                    + "' is granted by policy " + envelope.policy() + " but the gateway has no implementation of it");
            return store(entry(context, call, Decision.FAILED, summary, approval, "TOOL_MISDECLARED: no implementation"),
                    async).thenApply(record -> new GatewayResult.Failed(call, failure, record));
        }
        JsonNode args = call.parsedArguments().orElseThrow();
        if (!async) { // every stage on this thread, so that the ledger's failure is thrown as it was thrown
            String output = null;
            Throwable thrown = null;
            try {
                output = tool.execute(args);
            } catch (Exception | Error e) {
                thrown = e;
            }
            return ran(tool, call, output, thrown, decision, approval, summary, context, false);
        }
        CompletableFuture<String> running;
        try {
            running = BlockingTools.blocks(tool) ? CompletableFuture.supplyAsync(() -> {
                try {
                    return tool.execute(args);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, blockingTools) : Objects.requireNonNull(tool.executeAsync(args), "tool '" + call.name()
                    + "' returned no future");
        } catch (Exception | Error e) {
            running = CompletableFuture.failedFuture(e);
        }
        return running.handle((output, thrown) -> ran(tool, call, output, thrown, decision, approval, summary,
                context, true)).thenCompose(stored -> stored);
    }

    /** Records what the tool did: its output as {@code TOOL_EXECUTED}, or what it threw as {@code TOOL_FAILED}. */
    private CompletableFuture<GatewayResult> ran(Tool tool, ToolCall call, @Nullable String output,
            @Nullable Throwable thrown, PermissionDecision decision, @Nullable Approval approval,
            PermissionSummary summary, DecisionContext context, boolean async) {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e == null && output == null) {
            e = new NullPointerException("tool '" + call.name() + "' returned null");
        }
        if (e != null) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            ArbiterException failure = ArbiterException.of(FailureMode.TOOL_FAILED, "tool '" + call.name()
                    + "' failed: " + e, ProviderDetail.NONE, e);
            return store(entry(context, call, Decision.FAILED, summary, approval, "TOOL_FAILED: " + e), async)
                    .thenApply(record -> new GatewayResult.Failed(call, failure, record));
        }
        String resultDigest = Digests.sha256Hex(output);
        ProvenanceEntry.Builder entry = entry(context, call, Decision.TOOL_EXECUTED, summary, approval,
                "result sha256 " + resultDigest).artifactDigest(resultDigest);
        Source source = Source.of("tool-result:" + call.name() + ":" + call.id() + ":" + resultDigest.substring(0, 12),
                "tool:" + call.name(), output, tool.descriptor().outputTrust());
        return store(entry, async).thenApply(record -> new GatewayResult.Executed(call, decision, approval, output,
                source, record));
    }

    /** Appends the entry: at once (the future already complete), or asynchronously. */
    private CompletableFuture<ProvenanceRecord> store(ProvenanceEntry.Builder entry, boolean async) {
        if (!async) {
            return CompletableFuture.completedFuture(ledger.append(entry.build()));
        }
        return Objects.requireNonNull(ledger.appendAsync(entry.build()), "the ledger returned no future");
    }

    /**
     * The tool name a record carries: the call's, or {@value #BLANK_NAME} for a call with a blank name (a model can
     * propose one; it is refused as an unknown tool, and the record format needs a name).
     */
    private static String recordedName(ToolCall call) {
        return call.name().isBlank() ? BLANK_NAME : call.name();
    }

    private static ProvenanceEntry.Builder entry(DecisionContext context, ToolCall call, Decision decision,
            PermissionSummary summary, @Nullable Approval approval, String note) {
        String argsDigest = Digests.sha256Hex(call.arguments());
        String approvalNote = approval == null ? "" : "; approval " + approval.id() + " by " + approval.approver()
                + ": " + approval.decisionReason();
        return ProvenanceEntry.builder(context.runId(), "tool:" + recordedName(call), decision)
                .permissions(List.of(summary))
                .approver(approval == null ? null : approval.approver())
                .note("call " + call.id() + "; arguments sha256 " + argsDigest + "; " + note + approvalNote);
    }

    /** Builds a {@link ToolGateway}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final PermissionEnvelope envelope;
        private final ProvenanceLedger ledger;
        private final ApprovalQueue approvals;
        private final Map<String, Tool> tools = new LinkedHashMap<>();
        private @org.jspecify.annotations.Nullable Registries registries;
        private Redactor redactor = Redactor.standard();
        private Executor blockingTools = BlockingTools.shared();

        private Builder(PermissionEnvelope envelope, ProvenanceLedger ledger, ApprovalQueue approvals) {
            this.envelope = Objects.requireNonNull(envelope, "envelope");
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.approvals = Objects.requireNonNull(approvals, "approvals");
        }

        /**
         * Adds a tool the gateway can run.
         *
         * @throws IllegalArgumentException if the envelope does not know the tool, knows it with another spec, or it
         *     was added already
         */
        public Builder tool(Tool tool) {
            Objects.requireNonNull(tool, "tool");
            Optional<ToolDescriptor> known = envelope.tool(tool.name());
            if (known.isEmpty()) {
                throw new IllegalArgumentException("the envelope (policy " + envelope.policy() + ") does not know tool '"
                        + tool.name() + "'");
            }
            if (!known.get().spec().equals(tool.descriptor().spec())) {
                throw new IllegalArgumentException("tool '" + tool.name() + "' has another spec than the envelope's");
            }
            if (tools.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalArgumentException("tool '" + tool.name() + "' was added twice");
            }
            return this;
        }

        /**
         * Sets the application's registries, consulted for every call besides those of the call's
         * {@link DecisionContext} (for example the e-mail address on file, read from the application's database).
         */
        public Builder registries(Registries applicationRegistries) {
            this.registries = Objects.requireNonNull(applicationRegistries, "registries");
            return this;
        }

        /**
         * Sets how the free text of the records this gateway appends (permission reasons, which quote argument
         * values, and failure notes) is redacted; defaults to {@link Redactor#standard()}. {@link Redactor#none()}
         * stores the text as it is; a ledger already wrapped by {@link Redactor#ledger} is used as it is. Ids,
         * digests, decisions and approvers are never changed.
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Sets where {@link ToolGateway#handleAsync} runs tools that block: those whose {@link Tool#executeAsync} is
         * the default, which calls {@link Tool#execute} (tools made with {@link Tool#of} and by {@link
         * LangChain4jTools}). In an asynchronous run ({@code Pipeline.runAsync}) the calling thread is whichever
         * completed the step before it, a provider client's or the ledger's force thread, which a blocking tool would
         * hold up for every run it serves. Defaults to a virtual thread per call on Java 24 or later (where a virtual
         * thread blocked inside {@code synchronized} no longer holds its carrier), and before that to a shared pool
         * of daemon threads made as calls need them and ended after a minute idle; either way named {@code
         * arbiter-tool-N}. {@code Runnable::run} runs them on the calling thread. {@link ToolGateway#handle} always
         * runs tools on its own thread.
         */
        public Builder blockingTools(Executor executor) {
            this.blockingTools = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Returns the gateway. A granted tool without an implementation fails its calls as TOOL_MISDECLARED. */
        public ToolGateway build() {
            return new ToolGateway(this);
        }
    }
}
