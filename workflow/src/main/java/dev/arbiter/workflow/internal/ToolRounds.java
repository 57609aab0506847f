package dev.arbiter.workflow.internal;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.DecisionContext;
import dev.arbiter.authority.permission.GatewayResult;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The agentic tool loop inside one attempt: while the model proposes tool calls, each goes through the
 * {@link ToolGateway} (the only path to execution); executed results come back to the model as tool messages and
 * join the evidence as the tool's output trust (untrusted by default); a denied call comes back as a refusal the
 * model must work around; a call that needs approval suspends the step. Ends when the model answers without tool
 * calls, or when the round limit or the run's tool-call budget stops it. A call a person already rejected in this
 * run is not handed to the gateway again: the model is told it was rejected and the loop continues without it. A
 * call the step already executed in this run (in an earlier attempt, or before the run suspended) is not executed
 * again: its recorded output comes back ({@link ToolJournal}), so a resumed run or a repair never repeats a refund or
 * an e-mail. Not thread-safe: one per attempt.
 */
final class ToolRounds {

    /** What the loop ended with: the final generation with its request and evidence, or a result that ends it. */
    record Answer(Generation generation, GenerationRequest request, Evidence evidence) {}

    private final GovernedSettings<?, ?> s;
    private final StepContext ctx;
    private final String attemptSpan;
    private GenerationRequest request;
    private Generation g;
    private DecisionContext decisions;
    private @Nullable ToolJournal journal;
    private final boolean async;

    /**
     * @param async whether calls go through {@link ToolGateway#handleAsync} (the tool and its record holding no
     *     thread) or {@link ToolGateway#handle}
     */
    ToolRounds(GovernedSettings<?, ?> settings, StepContext context, String attemptSpan, boolean async) {
        this.s = settings;
        this.ctx = context;
        this.attemptSpan = attemptSpan;
        this.async = async;
    }

    /**
     * Completes with an {@link Answer} or an {@link AttemptResult} that ends the attempt. Each round's generation
     * may complete on another thread; the next round then runs there.
     */
    CompletableFuture<Object> run(GenerationRequest first, Generation firstGeneration, Evidence evidence) {
        request = first;
        g = firstGeneration;
        decisions = DecisionContext.of(ctx.runId(), evidence);
        return rounds(1);
    }

    private CompletableFuture<Object> rounds(int from) {
        for (int round = from; s.gateway() != null && g.hasToolCalls(); round++) {
            CompletableFuture<@Nullable AttemptResult> called = callTools(round);
            if (!settled(called)) {
                int current = round;
                return called.thenCompose(ended -> ended != null ? CompletableFuture.completedFuture(ended)
                        : generateThenGoOn(current));
            }
            AttemptResult ended = called.join();
            if (ended != null) {
                return CompletableFuture.completedFuture(ended);
            }
            CompletableFuture<Object> generated = Attempt.generate(s, request, ctx, attemptSpan, async);
            if (!settled(generated)) {
                return goOn(generated, round);
            }
            AttemptResult stop = generated(generated.join());
            if (stop != null) {
                return CompletableFuture.completedFuture(stop);
            }
        }
        return CompletableFuture.completedFuture(new Answer(g, request, decisions.evidence()));
    }

    /** Whether {@code f} completed normally, so that the loop may go on on this thread. */
    private static boolean settled(CompletableFuture<?> f) {
        return f.isDone() && !f.isCompletedExceptionally();
    }

    private CompletableFuture<Object> generateThenGoOn(int round) {
        return goOn(Attempt.generate(s, request, ctx, attemptSpan, async), round);
    }

    /** Once round {@code round}'s next generation is in: the rounds after it, or the result that ends them. */
    private CompletableFuture<Object> goOn(CompletableFuture<Object> generated, int round) {
        return generated.thenCompose(r -> {
            AttemptResult stop = generated(r);
            return stop != null ? CompletableFuture.completedFuture(stop) : rounds(round + 1);
        });
    }

    /** Takes in one round's generation; returns a result that ends the attempt, or null to go on. */
    private @Nullable AttemptResult generated(Object generated) {
        if (generated instanceof AttemptResult problem) {
            return problem;
        }
        g = (Generation) generated;
        Optional<String> over = ctx.budget().charge(g.modelId(), g.usage());
        if (over.isPresent()) {
            return new AttemptResult.Problem(FailureMode.BUDGET_EXCEEDED, over.get(), List.of(), g, List.of(), null);
        }
        return null;
    }

    /**
     * Hands round {@code round}'s proposed calls to the gateway and builds the next request into {@link #request};
     * completes with a result that ends the attempt, or null to go on.
     */
    private CompletableFuture<@Nullable AttemptResult> callTools(int round) {
        if (journal == null) { // the run's executed calls: replayed, never run twice, and counted for the run
            CompletableFuture<ToolJournal> loading = ToolJournal.load(ctx, async);
            if (!settled(loading)) {
                return loading.thenCompose(j -> {
                    useJournal(j);
                    return callTools(round);
                });
            }
            useJournal(loading.join());
        }
        if (round > s.maxToolRounds()) {
            return CompletableFuture.completedFuture(new AttemptResult.Problem(FailureMode.BUDGET_EXCEEDED,
                    "the model still proposed tool calls after " + s.maxToolRounds() + " tool rounds", List.of(), g,
                    List.of(), null));
        }
        GenerationRequest.Builder next = request.toBuilder().addMessage(Message.assistant(g.text(), g.toolCalls()));
        return calls(g, 0, next);
    }

    private void useJournal(ToolJournal loaded) {
        journal = loaded;
        for (ToolCall done : loaded.executedCalls()) {
            decisions = decisions.withCall(done);
        }
    }

    /**
     * Hands {@code proposed}'s calls from {@code from} on to the gateway, one after the other, adding each one's
     * result to {@code next}: in a loop while each call is settled at once, by continuation when one is not.
     */
    private CompletableFuture<@Nullable AttemptResult> calls(Generation proposed, int from,
            GenerationRequest.Builder next) {
        List<ToolCall> calls = proposed.toolCalls();
        for (int i = from; i < calls.size(); i++) {
            CompletableFuture<@Nullable AttemptResult> done = call(calls.get(i), proposed, next);
            if (!settled(done)) {
                int following = i + 1;
                return done.thenCompose(ended -> ended != null ? CompletableFuture.completedFuture(ended)
                        : calls(proposed, following, next));
            }
            AttemptResult ended = done.join();
            if (ended != null) {
                return CompletableFuture.completedFuture(ended);
            }
        }
        request = next.build();
        return CompletableFuture.completedFuture(null);
    }

    /** One proposed call: completes with the result that ends the attempt, or null to go on to the next call. */
    private CompletableFuture<@Nullable AttemptResult> call(ToolCall call, Generation proposed,
            GenerationRequest.Builder next) {
        CompletableFuture<Optional<Approval>> rejected = ToolApprovals.rejected(ctx, call, async);
        if (!settled(rejected)) {
            return rejected.thenCompose(r -> call(call, r, proposed, next));
        }
        return call(call, rejected.join(), proposed, next);
    }

    private CompletableFuture<@Nullable AttemptResult> call(ToolCall call, Optional<Approval> rejected,
            Generation proposed, GenerationRequest.Builder next) {
        if (rejected.isPresent()) { // a person said no: the model learns it, the gateway is not asked again
            tellRejected(next, call, rejected.get());
            return CompletableFuture.completedFuture(null);
        }
        Optional<ToolJournal.Entry> earlier = journal.replay(call);
        if (earlier.isPresent()) { // executed earlier in this run: its output again, the tool not again
            replay(next, call, earlier.get());
            return CompletableFuture.completedFuture(null);
        }
        Optional<String> over = ctx.budget().tryToolCall();
        if (over.isPresent()) {
            return CompletableFuture.completedFuture(new AttemptResult.Problem(FailureMode.BUDGET_EXCEEDED,
                    over.get(), List.of(), proposed, List.of(), null));
        }
        String span = ctx.newSpanId();
        ctx.emit(new TraceEvent.ToolCallStarted(scope(span), call));
        ToolGateway gateway = s.gateway();
        CompletableFuture<GatewayResult> handled = async ? gateway.handleAsync(call, decisions)
                : CompletableFuture.completedFuture(gateway.handle(call, decisions));
        return handled.thenCompose(r -> took(r, span, next, proposed));
    }

    private void replay(GenerationRequest.Builder next, ToolCall call, ToolJournal.Entry e) {
        String span = ctx.newSpanId();
        ctx.emit(new TraceEvent.ToolCallStarted(scope(span), call));
        ctx.emit(new TraceEvent.ToolCallEnded(scope(span), call, "replayed", e.output()));
        next.addMessage(toolResult(call, e.source(), e.output()));
        decisions = decisions.withEvidence(decisions.evidence().with(e.source()));
    }

    /**
     * Takes in what the gateway did with one call, adding its result (or refusal, or failure) to {@code next};
     * completes with the result that suspends the attempt when the call awaits approval, or null, once what the run
     * keeps of the call (its journal entry, the suspension) is stored.
     */
    private CompletableFuture<@Nullable AttemptResult> took(GatewayResult r, String span,
            GenerationRequest.Builder next, Generation proposed) {
        ToolCall call = r.call();
        if (r instanceof GatewayResult.Executed done) {
            ctx.emit(new TraceEvent.ToolCallEnded(scope(span), call, "executed", done.output()));
            done.approvedBy().ifPresent(a -> ctx.emit(new TraceEvent.ApprovalDecided(scope(ctx.newSpanId()),
                    a.id(), true, a.decidedBy().orElse("unknown"))));
            return journal.executed(call, done.output(), done.source()).thenApply(stored -> {
                next.addMessage(toolResult(call, done.source(), done.output()));
                decisions = decisions.withEvidence(decisions.evidence().with(done.source())).withCall(call);
                return null;
            });
        }
        if (r instanceof GatewayResult.Refused refused) {
            ctx.emit(new TraceEvent.ToolCallEnded(scope(span), call, "denied", refused.decision().reason()));
            next.addMessage(Message.toolResult(call.id(), call.name(), "DENIED by policy ("
                    + refused.decision().rule() + "): " + refused.decision().reason()
                    + ". This call will not run; continue the task without it."));
            return CompletableFuture.completedFuture(null);
        }
        if (r instanceof GatewayResult.AwaitingApproval waiting) {
            ctx.emit(new TraceEvent.ToolCallEnded(scope(span), call, "pending", waiting.decision().reason()));
            return ToolApprovals.remember(ctx, waiting.approval(), async).thenApply(stored ->
                    new AttemptResult.Pending(waiting.approval().id(), "tool call " + call.name()
                            + " needs approval: " + waiting.decision().reason(), proposed));
        }
        GatewayResult.Failed failed = (GatewayResult.Failed) r;
        ctx.emit(new TraceEvent.ToolCallEnded(scope(span), call, "failed", failed.failure().getMessage()));
        next.addMessage(Message.toolResult(call.id(), call.name(), "FAILED: " + failed.failure().getMessage()));
        return CompletableFuture.completedFuture(null);
    }

    private static Message toolResult(ToolCall call, Source source, String output) {
        return Message.toolResult(call.id(), call.name(), "[tool output, source " + source.id() + ", "
                + source.trust() + "]\n" + output);
    }

    private void tellRejected(GenerationRequest.Builder next, ToolCall call, Approval rejected) {
        String span = ctx.newSpanId();
        ctx.emit(new TraceEvent.ToolCallStarted(scope(span), call));
        ctx.emit(new TraceEvent.ApprovalDecided(scope(ctx.newSpanId()), rejected.id(), false,
                rejected.decidedBy().orElse("unknown")));
        ctx.emit(new TraceEvent.ToolCallEnded(scope(span), call, "rejected", ToolApprovals.describe(rejected)));
        next.addMessage(Message.toolResult(call.id(), call.name(), "REJECTED by a person ("
                + rejected.decidedBy().orElse("unknown") + "): " + rejected.decisionReason()
                + ". This call will not run; continue the task without it."));
    }

    private TraceEvent.Scope scope(String span) {
        return new TraceEvent.Scope(ctx.runId(), span, attemptSpan, ctx.clock().instant());
    }
}
