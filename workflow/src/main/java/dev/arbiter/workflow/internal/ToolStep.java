package dev.arbiter.workflow.internal;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.DecisionContext;
import dev.arbiter.authority.permission.GatewayResult;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ToolCall;
import dev.arbiter.workflow.Failure;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Step;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A step that proposes one tool call made from its input and hands it to the {@link ToolGateway}: executed, its
 * output is the step's value; denied, the step is rejected with the denial; awaiting approval, the step escalates
 * with the approval's id; failed, the step fails. A call a person rejected in this run (the pipeline has the approval
 * queue) is not proposed again: the step is rejected with a {@code POLICY_VIOLATION} finding naming the reviewer
 * and the reason. The gateway records the call in the ledger. Immutable and
 * thread-safe if its functions and gateway are.
 *
 * @param <I> the input
 */
public final class ToolStep<I> implements Step<I, String> {

    private final String id;
    private final ToolGateway gateway;
    private final Function<? super I, ToolCall> call;
    private final Function<? super I, Evidence> evidence;

    public ToolStep(String id, ToolGateway gateway, Function<? super I, ToolCall> call,
            Function<? super I, Evidence> evidence) {
        this.id = Objects.requireNonNull(id, "id");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.call = Objects.requireNonNull(call, "call");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
    }

    @Override
    public String id() {
        return id;
    }

    private CompletableFuture<Outcome<String>> rejected(StepContext ctx, ToolCall proposed, Approval a,
            boolean async) {
        String approver = a.decidedBy().orElse("unknown");
        String message = ToolApprovals.describe(a);
        ctx.emit(new TraceEvent.ApprovalDecided(ctx.scope(ctx.newSpanId()), a.id(), false, approver));
        String note = FailureMode.POLICY_VIOLATION + ": " + message;
        CompletableFuture<?> stored;
        if (async) {
            stored = Records.appendPlainAsync(ctx, Decision.REJECTED, null, note);
        } else {
            Records.appendPlain(ctx, Decision.REJECTED, null, note);
            stored = CompletableFuture.completedFuture(null);
        }
        return stored.thenApply(r -> new Outcome.Rejected<>(List.of(Finding.of("approval:" + approver,
                FailureMode.POLICY_VIOLATION, Location.whole(), message, "A person rejected the call "
                + proposed.name() + "; it will not run.")), 1));
    }

    @Override
    public Outcome<String> run(I input, StepContext ctx) {
        return Futures.join(run(input, ctx, false));
    }

    /**
     * As {@link #run}, holding no thread while the tool runs or its record waits to be stored ({@link
     * ToolGateway#handleAsync}); the outcome follows once the step's record is stored.
     */
    @Override
    public CompletableFuture<Outcome<String>> runAsync(I input, StepContext ctx) {
        return Futures.call(() -> run(input, ctx, true));
    }

    private CompletableFuture<Outcome<String>> run(I input, StepContext ctx, boolean async) {
        ToolCall proposed = Objects.requireNonNull(call.apply(input), "tool step '" + id + "' made no call");
        CompletableFuture<Optional<Approval>> rejected = ToolApprovals.rejected(ctx, proposed, async);
        if (rejected.isDone() && !rejected.isCompletedExceptionally()) {
            return propose(input, ctx, proposed, rejected.join(), async);
        }
        return rejected.thenCompose(r -> propose(input, ctx, proposed, r, async));
    }

    /** Hands the proposed call to the gateway, unless a person rejected it in this run. */
    private CompletableFuture<Outcome<String>> propose(I input, StepContext ctx, ToolCall proposed,
            Optional<Approval> rejected, boolean async) {
        if (rejected.isPresent()) {
            return rejected(ctx, proposed, rejected.get(), async);
        }
        Optional<String> over = ctx.budget().tryToolCall();
        if (over.isPresent()) {
            return CompletableFuture.completedFuture(new Outcome.Failed<>(new Failure(FailureMode.BUDGET_EXCEEDED, id,
                    over.get(), ctx.budget().spend())));
        }
        String span = ctx.newSpanId();
        ctx.emit(new TraceEvent.ToolCallStarted(ctx.scope(span), proposed));
        DecisionContext decisions = DecisionContext.of(ctx.runId(), evidence.apply(input));
        if (!async) {
            return took(gateway.handle(proposed, decisions), proposed, span, ctx, false);
        }
        return gateway.handleAsync(proposed, decisions).thenCompose(r -> took(r, proposed, span, ctx, true));
    }

    /** The step's outcome from what the gateway did with its call, once a suspension it causes is remembered. */
    private CompletableFuture<Outcome<String>> took(GatewayResult r, ToolCall proposed, String span, StepContext ctx,
            boolean async) {
        Outcome<String> o = outcome(r, proposed, span, ctx);
        if (!(r instanceof GatewayResult.AwaitingApproval waiting)) {
            return CompletableFuture.completedFuture(o);
        }
        return ToolApprovals.remember(ctx, waiting.approval(), async).thenApply(stored -> {
            ctx.emit(new TraceEvent.ApprovalRequested(ctx.scope(ctx.newSpanId()), waiting.approval().id(),
                    waiting.decision().reason()));
            return o;
        });
    }

    private Outcome<String> outcome(GatewayResult r, ToolCall proposed, String span, StepContext ctx) {
        if (r instanceof GatewayResult.Executed done) {
            ctx.emit(new TraceEvent.ToolCallEnded(ctx.scope(span), proposed, "executed", done.output()));
            done.approvedBy().ifPresent(a -> ctx.emit(new TraceEvent.ApprovalDecided(ctx.scope(ctx.newSpanId()),
                    a.id(), true, a.decidedBy().orElse("unknown"))));
            return new Outcome.Accepted<>(done.output(), ctx.runId());
        }
        if (r instanceof GatewayResult.Refused refused) {
            ctx.emit(new TraceEvent.ToolCallEnded(ctx.scope(span), proposed, "denied", refused.decision().reason()));
            return new Outcome.Rejected<>(List.of(Finding.of("permission:" + refused.decision().rule(),
                    refused.decision().failureMode(), Location.whole(), refused.decision().reason(),
                    "The call is outside the permission envelope.")), 1);
        }
        if (r instanceof GatewayResult.AwaitingApproval waiting) {
            ctx.emit(new TraceEvent.ToolCallEnded(ctx.scope(span), proposed, "pending", waiting.decision().reason()));
            return new Outcome.Escalated<>(waiting.approval().id(), FailureMode.POLICY_VIOLATION,
                    "tool call " + proposed.name() + " needs approval: " + waiting.decision().reason());
        }
        GatewayResult.Failed failed = (GatewayResult.Failed) r;
        ctx.emit(new TraceEvent.ToolCallEnded(ctx.scope(span), proposed, "failed", failed.failure().getMessage()));
        return new Outcome.Failed<>(new Failure(failed.failure().failureMode(), id, failed.failure().getMessage(),
                ctx.budget().spend()));
    }
}
