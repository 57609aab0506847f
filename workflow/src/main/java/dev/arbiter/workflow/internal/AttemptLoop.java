package dev.arbiter.workflow.internal;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.steering.Composition;
import dev.arbiter.workflow.Failure;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Remedy;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The attempt loop of one run of a governed step: Compose, then per attempt Generate and Verify, then Decide
 * by the remedy for the failure mode. Not thread-safe: one instance per step run.
 *
 * @param <I> the step's input
 * @param <O> the step's output
 */
public final class AttemptLoop<I, O> {

    private static final int MAX_SHRINKS = 8;
    private static final int DEFAULT_RAISED_LIMIT = 1_024;

    private final GovernedSettings<I, O> s;
    private final StepContext ctx;
    private final Composer<I> composer;
    private final I input;
    /** The input's digest, computed when an approval or an escalation needs it. */
    private @Nullable String inputDigest;
    private Composition.@Nullable Composed composed;
    private @Nullable GenerationRequest request;
    /** The request that produced the latest generation: {@link #request} plus any tool rounds. */
    private @Nullable GenerationRequest lastSent;
    private int backoffs;
    private final boolean async;
    /** With {@link #async}: the latest record appended, until it is stored. */
    private @Nullable CompletableFuture<ProvenanceRecord> stored;
    /** With {@link #async}: the back-off wait the latest decision started. */
    private @Nullable CompletableFuture<Void> waiting;
    /** The latest attempt's problem, if it had one. */
    private AttemptResult.@Nullable Problem last;

    public AttemptLoop(GovernedSettings<I, O> settings, I input, StepContext context) {
        this(settings, input, context, false);
    }

    /**
     * @param async whether the loop's own provenance records are appended with {@link
     *     dev.arbiter.authority.provenance.ProvenanceLedger#appendAsync}: sealed at once, the outcome of {@link
     *     #runAsync} completing only once the last of them is stored
     */
    public AttemptLoop(GovernedSettings<I, O> settings, I input, StepContext context, boolean async) {
        this.async = async;
        this.s = settings;
        this.ctx = context;
        this.composer = new Composer<>(settings, input);
        this.input = input;
    }

    private String inputDigest() {
        String d = inputDigest;
        if (d == null) {
            d = Json.digest(input);
            inputDigest = d;
        }
        return d;
    }

    /** Runs the loop to an outcome; throws only what the ledger throws (fail closed). */
    public Outcome<O> run() {
        return Futures.join(runAsync());
    }

    /**
     * Runs the loop to an outcome. An asynchronous loop asks the generator with {@link
     * dev.arbiter.core.Generator#generateAsync}: while a generation is pending it holds no thread, and it goes on on the
     * thread that completes the generation. A synchronous one calls {@link dev.arbiter.core.Generator#generate} on the
     * calling thread, so that the whole step runs there (its future is then complete when this returns).
     * Completes exceptionally only with what the ledger throws (fail closed), or what the step's parts throw.
     */
    public CompletableFuture<Outcome<O>> runAsync() {
        CompletableFuture<Outcome<O>> outcome = Futures.call(() -> {
            CompletableFuture<Optional<Outcome<O>>> reviewed = reviewed();
            if (!reviewed.isDone() || reviewed.isCompletedExceptionally()) {
                return reviewed.thenCompose(this::afterReview);
            }
            return afterReview(reviewed.join());
        });
        if (!async) {
            return outcome;
        }
        // the outcome is the step's only once its records are stored: the last one stored means all are (one chain)
        return outcome.thenCompose(o -> {
            CompletableFuture<ProvenanceRecord> last = stored;
            return last == null ? CompletableFuture.completedFuture(o) : last.thenApply(r -> o);
        });
    }

    /**
     * What a person decided (or still must decide) on this step's candidate, if the run suspended on it. An
     * asynchronous loop reads the suspensions and asks the approval queue on the context's {@link
     * StepContext#blockingWork() executor for blocking work}, and only when the run holds a suspension at all.
     */
    private CompletableFuture<Optional<Outcome<O>>> reviewed() {
        if (ctx.approvals().isEmpty()) {
            return done(Optional.empty());
        }
        if (!async) {
            return done(Reviews.resume(s, inputDigest(), ctx));
        }
        return Suspensions.anyAsync(ctx).thenCompose(any -> any
                ? BlockingSteps.supply(ctx, () -> Reviews.resume(s, inputDigest(), ctx))
                : done(Optional.empty()));
    }

    private CompletableFuture<Outcome<O>> afterReview(Optional<Outcome<O>> reviewed) {
        if (reviewed.isPresent()) {
            return done(reviewed.get());
        }
        Optional<CompletableFuture<Outcome<O>>> stop = composeFirst();
        if (stop.isPresent()) {
            return stop.get();
        }
        return attempts(1);
    }

    /** Runs attempts {@code from} onwards; in a loop while generations answer at once, by continuation when not. */
    private CompletableFuture<Outcome<O>> attempts(int from) {
        for (int attempt = from; attempt <= s.maxAttempts(); attempt++) {
            Optional<String> over = ctx.budget().tryAttempt();
            if (over.isPresent()) {
                return done(fail(FailureMode.BUDGET_EXCEEDED, over.get(), null, last));
            }
            String span = ctx.newSpanId();
            ctx.emit(new TraceEvent.AttemptStarted(ctx.scope(span), ctx.stepId(), attempt));
            CompletableFuture<AttemptResult> result = attemptOnce(span);
            if (!result.isDone() || result.isCompletedExceptionally()) {
                int current = attempt;
                return result.thenCompose(r -> {
                    CompletableFuture<Outcome<O>> next = after(decide(r, current, span), current);
                    return next != null ? next : attempts(current + 1);
                });
            }
            CompletableFuture<Outcome<O>> next = after(decide(result.join(), attempt, span), attempt);
            if (next != null) {
                return next;
            }
        }
        return done(exhausted());
    }

    /** After attempt {@code attempt}'s decision: its outcome, a back-off wait then the next attempt, or null: go on. */
    private @Nullable CompletableFuture<Outcome<O>> after(Optional<CompletableFuture<Outcome<O>>> end, int attempt) {
        if (end.isPresent()) {
            return end.get();
        }
        CompletableFuture<Void> wait = pendingWait();
        return wait != null ? afterWait(wait, attempt + 1) : null;
    }

    /** The back-off wait the last decision started, if it is still running (or failed); taken, so asked once. */
    private @Nullable CompletableFuture<Void> pendingWait() {
        CompletableFuture<Void> w = waiting;
        waiting = null;
        return w == null || w.isDone() && !w.isCompletedExceptionally() ? null : w;
    }

    /** Attempts again from {@code next} once the back-off wait is over; a failed wait fails the step. */
    private CompletableFuture<Outcome<O>> afterWait(CompletableFuture<Void> wait, int next) {
        AttemptResult.Problem p = last;
        return wait.handle((v, e) -> e).thenCompose(e -> e == null ? attempts(next)
                : done(fail(p == null ? FailureMode.PROVIDER_UNAVAILABLE : p.mode(),
                        "the back-off wait failed: " + Futures.cause(e), null, p)));
    }

    /** Decides on one attempt's result: an outcome that ends the loop, or empty to attempt again. */
    private Optional<CompletableFuture<Outcome<O>>> decide(AttemptResult result, int attempt, String span) {
        ctx.emit(new TraceEvent.AttemptEnded(ctx.scope(span), ctx.stepId(), attempt,
                result instanceof AttemptResult.Problem p ? p.mode() : null));
        if (result instanceof AttemptResult.Passed passed) {
            return end(accept(passed, attempt));
        }
        if (result instanceof AttemptResult.Pending pending) {
            ctx.emit(new TraceEvent.ApprovalRequested(ctx.scope(ctx.newSpanId()), pending.approvalId(),
                    pending.reason()));
            return end(new Outcome.Escalated<>(pending.approvalId(), FailureMode.POLICY_VIOLATION,
                    pending.reason()));
        }
        if (result instanceof AttemptResult.Review review) {
            return Optional.of(escalate(FailureMode.UNDERSPECIFIED, "human review requested by " + review.reason(),
                    review.generation(), review.verdicts(), span));
        }
        last = (AttemptResult.Problem) result;
        return remedy(last, attempt, span);
    }

    private Outcome<O> exhausted() {
        AttemptResult.Problem p = last;
        if (p != null && !p.findings().isEmpty()) {
            record(Decision.REJECTED, p.generation(), p.verdicts(), null, p.mode()
                    + ": attempts exhausted after " + s.maxAttempts() + "; last: " + p.message());
            return new Outcome.Rejected<>(p.findings(), s.maxAttempts());
        }
        String why = p == null ? "no attempt was made" : p.message();
        return fail(p == null ? FailureMode.BUDGET_EXCEEDED : p.mode(),
                "the step's " + s.maxAttempts() + " attempts ran out: " + why, null, p);
    }

    private CompletableFuture<AttemptResult> attemptOnce(String span) {
        lastSent = request;
        CompletableFuture<Object> generated = Attempt.generate(s, request, ctx, span, async);
        if (generated.isDone() && !generated.isCompletedExceptionally()) {
            return generated(generated.join(), span);
        }
        return generated.thenCompose(r -> generated(r, span));
    }

    /** Goes on from one generation: charge the budget, the tool rounds, then verification. */
    private CompletableFuture<AttemptResult> generated(Object generated, String span) {
        if (generated instanceof AttemptResult.Problem problem) {
            return CompletableFuture.completedFuture(problem);
        }
        Generation g = (Generation) generated;
        Optional<String> over = ctx.budget().charge(g.modelId(), g.usage());
        if (over.isPresent()) {
            return CompletableFuture.completedFuture(new AttemptResult.Problem(FailureMode.BUDGET_EXCEEDED, over.get(),
                    List.of(), g, List.of(), null));
        }
        return new ToolRounds(s, ctx, span, async).run(request, g, composed.evidence()).thenApply(answered -> {
            if (answered instanceof AttemptResult ended) {
                return ended;
            }
            ToolRounds.Answer a = (ToolRounds.Answer) answered;
            lastSent = a.request();
            return Attempt.verify(s, composed, a.request(), a.evidence(), a.generation(), ctx, span);
        });
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** An outcome that ends the loop, known now. */
    private static <T> Optional<CompletableFuture<T>> end(T value) {
        return Optional.of(done(value));
    }

    private Optional<CompletableFuture<Outcome<O>>> remedy(AttemptResult.Problem p, int attempt, String span) {
        Remedy remedy = p.mode() == FailureMode.BUDGET_EXCEEDED ? Remedy.ABORT : s.remedies().forMode(p.mode());
        if (remedy != Remedy.ABORT && remedy != Remedy.ESCALATE && attempt >= s.maxAttempts()) {
            return Optional.empty(); // no attempt left to retry in: the loop ends and decides
        }
        ctx.emit(new TraceEvent.RemedyTaken(ctx.scope(span), ctx.stepId(), attempt, p.mode(), remedy.name()));
        if (remedy == Remedy.ABORT) {
            return end(fail(p.mode(), p.message(), p.generation(), p));
        }
        if (remedy == Remedy.ESCALATE) {
            return Optional.of(escalate(p.mode(), p.message(), p.generation(), p.verdicts(), span));
        }
        record(Decision.REJECTED, p.generation(), p.verdicts(), null, p.mode() + " -> " + remedy + ": " + p.message());
        if (remedy == Remedy.REPAIR) {
            if (p.generation() == null || p.findings().isEmpty()) {
                return Optional.empty();
            }
            request = RepairRequests.repair(composed.request(), p.generation(), p.findings());
            return Optional.empty();
        }
        if (remedy == Remedy.BACK_OFF) {
            return backOff(p);
        }
        if (remedy == Remedy.RAISE_LIMIT) {
            int current = request.maxOutputTokens().orElse(DEFAULT_RAISED_LIMIT / 2);
            request = request.toBuilder().maxOutputTokens((int) Math.min(Integer.MAX_VALUE, 2L * current)).build();
            return Optional.empty();
        }
        boolean shrink = remedy == Remedy.SHRINK_CONTEXT;
        return recompose(shrink, shrink ? List.of() : hints(p));
    }

    private Optional<CompletableFuture<Outcome<O>>> backOff(AttemptResult.Problem p) {
        backoffs++;
        if (backoffs > s.remedies().backoff().maxRetries()) {
            return end(fail(p.mode(), "gave up after " + (backoffs - 1) + " back-offs: " + p.message(),
                    p.generation(), p));
        }
        Duration wait = s.remedies().backoff().delay(backoffs, p.retryAfterHint(), ctx.random());
        Optional<Duration> left = ctx.budget().timeLeft();
        if (left.isPresent() && left.get().compareTo(wait) < 0) {
            return end(fail(FailureMode.BUDGET_EXCEEDED, "backing off " + wait.toMillis()
                    + " ms would outlast the run's wall-time budget (" + left.get().toMillis() + " ms left)", null, p));
        }
        if (async) { // the wait holds no thread: the loop goes on when it is over (attempts, pendingWait)
            waiting = BlockingSteps.sleepAsync(ctx, wait);
            return Optional.empty();
        }
        try {
            ctx.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return end(fail(p.mode(), "interrupted while backing off", null, p));
        }
        return Optional.empty();
    }

    private Optional<CompletableFuture<Outcome<O>>> composeFirst() {
        return recompose(false, List.of());
    }

    private Optional<CompletableFuture<Outcome<O>>> recompose(boolean shrink, List<String> hints) {
        for (int shrinks = 0; shrinks <= MAX_SHRINKS; shrinks++) {
            Composition c;
            try {
                c = composer.compose(shrink, hints);
            } catch (ArbiterException e) {
                return Optional.of(handleBlocked(e.failureMode(), List.of(e.getMessage())));
            }
            if (c instanceof Composition.Composed done) {
                composed = done;
                request = done.request();
                return Optional.empty();
            }
            Composition.Blocked blocked = (Composition.Blocked) c;
            if (blocked.mode() != FailureMode.CONTEXT_OVERFLOW
                    || s.remedies().forMode(FailureMode.CONTEXT_OVERFLOW) != Remedy.SHRINK_CONTEXT) {
                return Optional.of(handleBlocked(blocked.mode(), blocked.reasons()));
            }
            ctx.emit(new TraceEvent.RemedyTaken(ctx.scope(ctx.newSpanId()), ctx.stepId(), 0, blocked.mode(),
                    Remedy.SHRINK_CONTEXT.name()));
            shrink = true;
        }
        return Optional.of(handleBlocked(FailureMode.CONTEXT_OVERFLOW,
                List.of("the request still overflows after " + MAX_SHRINKS + " halvings of the context")));
    }

    /**
     * A composition that cannot be sent: escalated (with the pipeline's approval queue, submitted there) or failed,
     * with its record. An asynchronous loop appends the record with {@code appendAsync} and submits on the context's
     * executor for blocking work.
     */
    private CompletableFuture<Outcome<O>> handleBlocked(FailureMode mode, List<String> reasons) {
        String why = "composition blocked: " + String.join("; ", reasons);
        Remedy remedy = s.remedies().forMode(mode);
        boolean escalate = remedy == Remedy.ESCALATE || remedy == Remedy.RE_RETRIEVE && composed == null;
        if (!async) {
            if (escalate) {
                return done(Escalations.blocked(ctx, inputDigest(), mode, why));
            }
            Records.appendPlain(ctx, Decision.FAILED, null, mode + ": " + why);
            return done(new Outcome.Failed<>(new Failure(mode, s.id(), why, ctx.budget().spend())));
        }
        keep(Records.appendPlainAsync(ctx, escalate ? Decision.ESCALATED : Decision.FAILED, null, mode + ": " + why));
        if (!escalate) {
            return done(new Outcome.Failed<>(new Failure(mode, s.id(), why, ctx.budget().spend())));
        }
        if (ctx.approvals().isPresent()) {
            String input = inputDigest();
            return BlockingSteps.supply(ctx, () -> Reviews.requestWithoutCandidate(ctx, ctx.approvals().get(), input,
                    mode, why, ctx.spanId()));
        }
        return done(Escalations.escalate(ctx, mode, why, ctx.spanId()));
    }

    private static List<String> hints(AttemptResult.Problem p) {
        return p.findings().isEmpty() ? List.of(p.message())
                : p.findings().stream().map(f -> f.location().describe() + ": " + f.message()).toList();
    }

    private Outcome<O> accept(AttemptResult.Passed passed, int attempt) {
        @SuppressWarnings("unchecked")
        O value = (O) passed.value();
        String digest = Json.digest(s.output().toJson(value));
        record(Decision.ACCEPTED, passed.generation(), passed.verdicts(), digest, "accepted on attempt " + attempt);
        return new Outcome.Accepted<>(value, ctx.runId());
    }

    /**
     * Escalates, with its record; with the pipeline's approval queue the review is submitted there, in an
     * asynchronous loop on the context's executor for blocking work.
     */
    private CompletableFuture<Outcome<O>> escalate(FailureMode mode, String reason, @Nullable Generation g,
            List<dev.arbiter.authority.verify.Verdict> verdicts, String span) {
        record(Decision.ESCALATED, g, verdicts, null, mode + ": " + reason);
        if (ctx.approvals().isEmpty()) {
            return done(Escalations.escalate(ctx, mode, reason, span));
        }
        ApprovalQueue queue = ctx.approvals().get();
        String input = inputDigest();
        String request = g != null ? sent().digest() : "";
        Supplier<Outcome<O>> submit = g != null
                ? () -> Reviews.request(ctx, queue, input, mode, reason, g, request, span)
                : () -> Reviews.requestWithoutCandidate(ctx, queue, input, mode, reason, span);
        return async ? BlockingSteps.supply(ctx, submit) : done(submit.get());
    }

    private Outcome<O> fail(FailureMode mode, String message, @Nullable Generation g,
            AttemptResult.@Nullable Problem last) {
        record(Decision.FAILED, g, last == null ? List.of() : last.verdicts(), null, mode + ": " + message);
        return new Outcome.Failed<>(new Failure(mode, s.id(), message, ctx.budget().spend()));
    }

    private void record(Decision decision, @Nullable Generation g, List<dev.arbiter.authority.verify.Verdict> verdicts,
            @Nullable String artifactDigest, String note) {
        Records.AttemptFacts facts = new Records.AttemptFacts(sent(), g, composed.evidence(), verdicts);
        if (!async) {
            Records.append(ctx, decision, facts, artifactDigest, note);
            return;
        }
        keep(Records.appendAsync(ctx, decision, facts, artifactDigest, note));
    }

    /** Keeps {@code f} as the latest record appended asynchronously; one refused at once throws here. */
    private void keep(CompletableFuture<ProvenanceRecord> f) {
        if (f.isCompletedExceptionally()) {
            Futures.join(f); // refused at once (a closed or failed ledger): stop here, as the synchronous append would
        }
        stored = f;
    }

    private @Nullable GenerationRequest sent() {
        return lastSent != null ? lastSent : request;
    }
}
