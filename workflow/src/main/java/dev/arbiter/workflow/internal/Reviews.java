package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.ApprovalRequest;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.ToolCalls;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ModelCall;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.JsonCodec;
import dev.arbiter.core.ToolCall;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person's review of a governed step's candidate, persisted in the run's {@link ApprovalQueue} as a call of the
 * reserved tool {@value #TOOL} whose arguments are the step id, the digest of the step's input and the digest of
 * the exact candidate generation, so the queue's binding rule holds: an approval is good for that candidate in
 * that run only. The candidate itself is kept in the run's checkpoint store; a resumed run accepts it once
 * approved, without calling the model again.
 *
 * <p>An escalation without a candidate (a composition blocked by the contract's lint, an underspecified contract,
 * a constraint conflict; a refusal the provider threw) is submitted the same way, bound to the step, its input
 * and the digest of the escalation (mode and reason). There is nothing to accept, so a person's approval means
 * "run the step again" (after fixing the contract or the input, or judging the refused request legitimate): the
 * approval is used up, recorded as {@code APPROVED} with the approver, and the step runs; rejection ends the step
 * {@code Rejected} with the reviewer's reason; undecided stays {@code Escalated} with the same id.
 */
final class Reviews {

    /** The reserved tool name of a candidate review. */
    static final String TOOL = "arbiter.review";

    private static final PolicyRef POLICY = PolicyRef.of("arbiter.workflow.review", "1");

    private Reviews() {}

    /** What a resumed step found: an outcome, or nothing decided (run the step). */
    static <O> Optional<Outcome<O>> resume(GovernedSettings<?, O> s, String inputDigest, StepContext ctx) {
        Optional<ApprovalQueue> queue = ctx.approvals();
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        Suspensions.@Nullable Entry last = null;
        for (Suspensions.Entry e : Suspensions.all(ctx)) {
            if (e.kind().equals(Suspensions.REVIEW) && e.stepId().equals(ctx.stepId())
                    && e.inputDigest().equals(inputDigest)) {
                last = e;
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        Optional<Approval> found = queue.get().find(last.approvalId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Approval a = found.get();
        Suspensions.Entry entry = last;
        if (a.status() == Approval.Status.PENDING) {
            boolean open = queue.get().pending().stream().anyMatch(p -> p.id().equals(a.id())); // the queue's clock
            return open ? Optional.of(new Outcome.Escalated<>(a.id(), FailureMode.valueOf(entry.mode()),
                    entry.reason())) : Optional.empty();
        }
        if (a.status() == Approval.Status.REJECTED) {
            return Optional.of(rejected(ctx, a, entry));
        }
        if (a.status() == Approval.Status.APPROVED && entry.candidate() == null) {
            queue.get().consume(ctx.runId(), a.request().callDigest()).ifPresent(u -> retry(ctx, u, entry));
            return Optional.empty(); // the step runs again, with a person's consent
        }
        if (a.status() == Approval.Status.APPROVED) {
            Optional<Approval> used = queue.get().consume(ctx.runId(), a.request().callDigest());
            return used.map(u -> approved(s, ctx, u, entry)); // empty: it expired before use
        }
        if (a.status() == Approval.Status.CONSUMED) {
            if (entry.candidate() == null) {
                return Optional.empty(); // consumed to run the step again, which stopped before its checkpoint
            }
            return Optional.of(approved(s, ctx, a, last)); // consumed by this run, which stopped before its checkpoint
        }
        return Optional.empty(); // expired undecided: the step runs again and asks about its new candidate
    }

    /** Submits the review of candidate {@code g}, remembers it, and returns the escalation with its id. */
    static <O> Outcome<O> request(StepContext ctx, ApprovalQueue queue, String inputDigest, FailureMode mode,
            String reason, Generation g, String requestDigest, String parentSpan) {
        ToolCall call = call(ctx.stepId(), inputDigest, ModelCall.digestOf(g));
        Approval a = queue.submit(new ApprovalRequest(ctx.runId(), TOOL, ToolCalls.digest(call),
                ToolCalls.canonical(call), "workflow.review:" + mode, reason, POLICY));
        Suspensions.remember(ctx, new Suspensions.Entry(Suspensions.REVIEW, ctx.stepId(), inputDigest, a.id(),
                a.request().callDigest(), mode.name(), reason, requestDigest, JsonCodec.generationToJson(g)));
        ctx.emit(new TraceEvent.ApprovalRequested(new TraceEvent.Scope(ctx.runId(), ctx.newSpanId(), parentSpan,
                ctx.clock().instant()), a.id(), mode + ": " + reason));
        return new Outcome.Escalated<>(a.id(), mode, reason);
    }

    /**
     * Submits the review of an escalation without a candidate, remembers it, and returns the escalation with its
     * id. Submitting the same escalation of the same run again returns the open request (the queue's rule).
     */
    static <O> Outcome<O> requestWithoutCandidate(StepContext ctx, ApprovalQueue queue, String inputDigest,
            FailureMode mode, String reason, String parentSpan) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("step", ctx.stepId()).put("input", inputDigest)
                .put("escalation", dev.arbiter.core.Digests.sha256Hex(mode.name() + "\n" + reason));
        ToolCall call = ToolCall.of("review", TOOL, args.toString());
        Approval a = queue.submit(new ApprovalRequest(ctx.runId(), TOOL, ToolCalls.digest(call),
                ToolCalls.canonical(call), "workflow.review:" + mode, reason, POLICY));
        Suspensions.remember(ctx, new Suspensions.Entry(Suspensions.REVIEW, ctx.stepId(), inputDigest, a.id(),
                a.request().callDigest(), mode.name(), reason, "", null));
        ctx.emit(new TraceEvent.ApprovalRequested(new TraceEvent.Scope(ctx.runId(), ctx.newSpanId(), parentSpan,
                ctx.clock().instant()), a.id(), mode + ": " + reason));
        return new Outcome.Escalated<>(a.id(), mode, reason);
    }

    private static void retry(StepContext ctx, Approval a, Suspensions.Entry e) {
        String approver = a.decidedBy().orElse("unknown");
        ctx.emit(new TraceEvent.ApprovalDecided(ctx.scope(ctx.newSpanId()), a.id(), true, approver));
        append(ctx, Decision.APPROVED, approver, null, "", null, e.mode() + ": escalation " + a.id()
                + " approved by " + approver + " (" + a.decisionReason() + "); the step runs again");
    }

    private static ToolCall call(String stepId, String inputDigest, String generationDigest) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("step", stepId).put("input", inputDigest).put("generation", generationDigest);
        return ToolCall.of("review", TOOL, args.toString());
    }

    private static <O> Outcome<O> approved(GovernedSettings<?, O> s, StepContext ctx, Approval a,
            Suspensions.Entry e) {
        String approver = a.decidedBy().orElse("unknown");
        ctx.emit(new TraceEvent.ApprovalDecided(ctx.scope(ctx.newSpanId()), a.id(), true, approver));
        JsonNode candidate = e.candidate();
        if (candidate == null) {
            return fail(s, ctx, "approval " + a.id() + " has no stored candidate");
        }
        Generation g = JsonCodec.generationFromJson(candidate);
        String digest = ToolCalls.digest(call(e.stepId(), e.inputDigest(), ModelCall.digestOf(g)));
        if (!digest.equals(a.request().callDigest())) {
            return fail(s, ctx, "the stored candidate of step '" + e.stepId() + "' does not match the digest "
                    + "approval " + a.id() + " was given for; it is not accepted");
        }
        O value;
        try {
            value = s.output().fromModelOutput(Json.stripFence(g.text()));
        } catch (IllegalArgumentException ex) {
            Finding f = Finding.of("workflow.bind", FailureMode.SCHEMA_VIOLATION, Location.whole(),
                    "the approved candidate does not bind to " + s.output() + ": " + ex.getMessage(),
                    "A person approved an output the step cannot use; run the step again.");
            append(ctx, Decision.REJECTED, approver, g, e.requestDigest(), null, "approved by " + approver + " but " + f.message());
            return new Outcome.Rejected<>(List.of(f), 1);
        }
        append(ctx, Decision.ACCEPTED, approver, g, e.requestDigest(), Json.digest(s.output().toJson(value)),
                "accepted on review " + a.id() + " by " + approver + ": " + a.decisionReason());
        return new Outcome.Accepted<>(value, ctx.runId());
    }

    private static <O> Outcome<O> rejected(StepContext ctx, Approval a, Suspensions.Entry e) {
        String approver = a.decidedBy().orElse("unknown");
        ctx.emit(new TraceEvent.ApprovalDecided(ctx.scope(ctx.newSpanId()), a.id(), false, approver));
        String message = "review " + a.id() + " rejected by " + approver + ": " + a.decisionReason();
        JsonNode candidate = e.candidate();
        Generation g = candidate == null ? null : JsonCodec.generationFromJson(candidate);
        append(ctx, Decision.REJECTED, approver, g, e.requestDigest(), null, e.mode() + ": " + message);
        return new Outcome.Rejected<>(List.of(Finding.of("review:" + approver, FailureMode.valueOf(e.mode()),
                Location.whole(), message, "A person rejected this candidate.")), 1);
    }

    private static <O> Outcome<O> fail(GovernedSettings<?, O> s, StepContext ctx, String why) {
        Records.appendPlain(ctx, Decision.FAILED, null, FailureMode.VERIFIER_ERROR + ": " + why);
        return new Outcome.Failed<>(new dev.arbiter.workflow.Failure(FailureMode.VERIFIER_ERROR, s.id(), why,
                ctx.budget().spend()));
    }

    private static void append(StepContext ctx, Decision decision, String approver, @Nullable Generation g,
            String requestDigest, @Nullable String artifactDigest, String note) {
        ProvenanceEntry.Builder b = ProvenanceEntry.builder(ctx.runId(), ctx.stepId(), decision)
                .time(ctx.clock().instant()).approver(approver).artifactDigest(artifactDigest).note(note);
        if (g != null && requestDigest.matches("[0-9a-f]{64}")) {
            b.model(ModelCall.of(g.modelId(), requestDigest, ModelCall.digestOf(g)));
        }
        ctx.ledger().append(b.build());
    }
}
