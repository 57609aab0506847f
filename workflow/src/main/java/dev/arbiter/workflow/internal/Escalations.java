package dev.arbiter.workflow.internal;

import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.core.FailureMode;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;

/** Turns an escalation into a pending item and an {@link Outcome.Escalated}. */
public final class Escalations {

    private Escalations() {}

    /** Returns the pending id of step {@code stepId} in run {@code runId}: {@code runId/stepId}. */
    public static String pendingId(String runId, String stepId) {
        return runId + "/" + stepId;
    }

    /** Emits the approval request of an escalation decided in an attempt (already recorded). */
    static <O> Outcome<O> escalate(StepContext ctx, FailureMode mode, String reason, String parentSpan) {
        String pendingId = pendingId(ctx.runId(), ctx.stepId());
        ctx.emit(new TraceEvent.ApprovalRequested(new TraceEvent.Scope(ctx.runId(), ctx.newSpanId(), parentSpan,
                ctx.clock().instant()), pendingId, mode + ": " + reason));
        return new Outcome.Escalated<>(pendingId, mode, reason);
    }

    /**
     * Records and emits an escalation that happened before any generation (a blocked composition); with the
     * pipeline's approval queue it is persisted there (see {@link Reviews}).
     */
    static <O> Outcome<O> blocked(StepContext ctx, String inputDigest, FailureMode mode, String reason) {
        Records.appendPlain(ctx, Decision.ESCALATED, null, mode + ": " + reason);
        if (ctx.approvals().isPresent()) {
            return Reviews.requestWithoutCandidate(ctx, ctx.approvals().get(), inputDigest, mode, reason, ctx.spanId());
        }
        return escalate(ctx, mode, reason, ctx.spanId());
    }
}
