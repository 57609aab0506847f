package dev.arbiter.workflow.internal;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.ToolCalls;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ToolCall;
import dev.arbiter.workflow.StepContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Tool calls a run suspended on: each approval the gateway asked for is remembered in the run's checkpoint store,
 * so that a resumed run recognises a call a person already rejected and does not hand it to the gateway again
 * (which would open a new pending request). Needs the pipeline's {@link ApprovalQueue}; without one, nothing is
 * remembered and nothing is recognised.
 */
final class ToolApprovals {

    private ToolApprovals() {}

    /**
     * Returns the rejected approval of this exact call in this run, if a person rejected it. In an {@code async} run
     * the approval queue is asked on the context's {@link StepContext#blockingWork() executor for blocking work}, and
     * only when the run holds a suspension at all ({@link Suspensions#anyAsync}); otherwise on this thread.
     */
    static CompletableFuture<Optional<Approval>> rejected(StepContext ctx, ToolCall call, boolean async) {
        if (ctx.approvals().isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (!async) {
            return CompletableFuture.completedFuture(rejected(ctx, call));
        }
        return Suspensions.anyAsync(ctx).thenCompose(any -> any
                ? BlockingSteps.supply(ctx, () -> rejected(ctx, call))
                : CompletableFuture.completedFuture(Optional.empty()));
    }

    private static Optional<Approval> rejected(StepContext ctx, ToolCall call) {
        ApprovalQueue queue = ctx.approvals().orElseThrow();
        String digest = ToolCalls.digest(call);
        for (Suspensions.Entry e : Suspensions.all(ctx)) {
            if (e.kind().equals(Suspensions.TOOL) && e.digest().equals(digest)) {
                Optional<Approval> a = queue.find(e.approvalId());
                if (a.isPresent() && a.get().status() == Approval.Status.REJECTED) {
                    return a;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Remembers that the run waits for {@code pending} (once per approval): in an {@code async} run on the context's
     * executor for blocking work, otherwise on this thread.
     */
    static CompletableFuture<Void> remember(StepContext ctx, Approval pending, boolean async) {
        if (ctx.approvals().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Suspensions.Entry entry = new Suspensions.Entry(Suspensions.TOOL, ctx.stepId(), "", pending.id(),
                pending.request().callDigest(), FailureMode.POLICY_VIOLATION.name(), pending.request().reason(), "",
                null);
        if (!async) {
            Suspensions.remember(ctx, entry);
            return CompletableFuture.completedFuture(null);
        }
        return BlockingSteps.supply(ctx, () -> {
            Suspensions.remember(ctx, entry);
            return null;
        });
    }

    /** Returns how a rejection is described to the model and in findings. */
    static String describe(Approval rejected) {
        return "tool call " + rejected.request().toolName() + " was rejected by " + rejected.decidedBy().orElse("unknown")
                + " (approval " + rejected.id() + "): " + rejected.decisionReason();
    }
}
