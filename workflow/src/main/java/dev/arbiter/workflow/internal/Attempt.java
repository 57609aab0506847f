package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.authority.verify.AdvisoryVerifier;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Generator;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.steering.Composition;
import dev.arbiter.steering.constraint.ProviderSchema;
import dev.arbiter.steering.constraint.StrictOutputs;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.trace.TraceEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** One attempt of a governed step: Generate, then Verify. Stateless. */
final class Attempt {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Attempt() {}

    /**
     * Generates for {@code request}: the future completes with the {@link Generation}, or with an {@link
     * AttemptResult.Problem} for a provider failure ({@link ArbiterException}). Anything else the generator throws
     * completes it exceptionally, as the synchronous call would have thrown.
     */
    static CompletableFuture<Object> generate(GovernedSettings<?, ?> s, GenerationRequest request, StepContext ctx,
            String attemptSpan, boolean async) {
        String span = ctx.newSpanId();
        String model = s.model();
        ctx.emit(new TraceEvent.GenerationStarted(scope(ctx, span, attemptSpan), s.provider(), model, request));
        // a synchronous step generates on its own thread, so that what follows (verification, the records) runs there
        // too, not on a thread of the provider's that completes an asynchronous generation; an asynchronous one hands a
        // generator that waits on its caller to the executor for blocking work, never holding the run's thread
        Generator generator = s.generator();
        CompletableFuture<Generation> pending = Futures.call(() -> !async
                ? CompletableFuture.completedFuture(generator.generate(request))
                : generator.waitsOnCaller()
                ? BlockingSteps.supply(ctx, () -> Futures.call(() -> generator.generateAsync(request))).thenCompose(f -> f)
                : generator.generateAsync(request));
        if (pending.isDone() && !pending.isCompletedExceptionally()) { // answered on this thread (the default)
            return CompletableFuture.completedFuture(ended(s, ctx, span, attemptSpan, pending.join(), null));
        }
        return pending.handle((g, failure) -> ended(s, ctx, span, attemptSpan, g, failure));
    }

    private static Object ended(GovernedSettings<?, ?> s, StepContext ctx, String span, String attemptSpan,
            @Nullable Generation g, @Nullable Throwable failure) {
        if (failure != null) {
            Throwable cause = Futures.cause(failure);
            if (!(cause instanceof ArbiterException e)) {
                throw Futures.unchecked(cause);
            }
            ctx.emit(new TraceEvent.GenerationEnded(scope(ctx, span, attemptSpan), s.provider(), null,
                    e.failureMode(), e.getMessage()));
            return new AttemptResult.Problem(e.failureMode(), "the generator failed: " + e.getMessage(), List.of(),
                    null, List.of(), e.detail().retryAfter().orElse(null));
        }
        if (g == null) {
            throw new IllegalStateException("generator of step '" + s.id() + "' returned null");
        }
        Optional<FailureMode> finish = g.failureMode();
        ctx.emit(new TraceEvent.GenerationEnded(scope(ctx, span, attemptSpan), s.provider(), g,
                finish.orElse(null), finish.map(m -> "finish reason " + g.finishReason()).orElse(null)));
        return g;
    }

    /** Verifies generation {@code g} of {@code request} and binds the output. */
    static AttemptResult verify(GovernedSettings<?, ?> s, Composition.Composed composed, GenerationRequest request,
            Evidence evidence, Generation g, StepContext ctx, String attemptSpan) {
        Optional<FailureMode> finish = g.failureMode();
        if (finish.isPresent()) {
            return new AttemptResult.Problem(finish.get(), "the model stopped with finish reason " + g.finishReason(),
                    List.of(), g, List.of(), null);
        }
        Generation checked = restoreStrictNulls(composed, g);
        Candidate candidate = Candidate.of(checked, request, evidence);
        List<Verdict> verdicts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        String review = null;
        for (Verifier v : s.verifiers()) {
            if (v instanceof AdvisoryVerifier && !findings.isEmpty()) {
                continue; // a critique is evidence: never asked about a candidate a deterministic check failed
            }
            String span = ctx.newSpanId();
            ctx.emit(new TraceEvent.VerificationStarted(scope(ctx, span, attemptSpan), v.id()));
            Verdict verdict = Verifiers.guarded(v).verify(candidate);
            ctx.emit(new TraceEvent.VerificationEnded(scope(ctx, span, attemptSpan), v.id(), verdict));
            verdicts.add(verdict);
            if (verdict instanceof Verdict.Fail fail) {
                findings.addAll(fail.findings());
            } else if (verdict instanceof Verdict.HumanReview hr && review == null) {
                review = v.id() + ": " + hr.reason();
            }
        }
        if (!findings.isEmpty()) {
            FailureMode mode = Modes.decisive(findings, s.remedies());
            return new AttemptResult.Problem(mode, findings.size() + " finding(s), first: "
                    + findings.get(0).message(), findings, checked, verdicts, null);
        }
        if (review != null) {
            return new AttemptResult.Review(checked, review, verdicts);
        }
        return bind(s, checked, verdicts);
    }

    private static AttemptResult bind(GovernedSettings<?, ?> s, Generation g, List<Verdict> verdicts) {
        try {
            Object value = s.output().fromModelOutput(Json.stripFence(g.text()));
            return new AttemptResult.Passed(g, value, verdicts);
        } catch (IllegalArgumentException e) {
            Finding f = Finding.of("workflow.bind", FailureMode.SCHEMA_VIOLATION, Location.whole(),
                    "the output does not bind to " + s.output() + ": " + e.getMessage(),
                    "Answer with JSON that has exactly the fields and types the schema asks for.");
            return new AttemptResult.Problem(FailureMode.SCHEMA_VIOLATION, f.message(), List.of(f), g, verdicts, null);
        }
    }

    private static Generation restoreStrictNulls(Composition.Composed composed, Generation g) {
        if (!(composed.providerSchema() instanceof ProviderSchema.Converted) || composed.verificationSchema() == null) {
            return g;
        }
        try {
            JsonNode output = MAPPER.readTree(Json.stripFence(g.text()));
            if (output == null) {
                return g;
            }
            JsonNode restored = StrictOutputs.restoreAbsent(composed.verificationSchema().schema(), output);
            return g.toBuilder().text(MAPPER.writeValueAsString(restored)).build();
        } catch (IOException e) {
            return g;
        }
    }

    private static TraceEvent.Scope scope(StepContext ctx, String span, String parent) {
        return new TraceEvent.Scope(ctx.runId(), span, parent, ctx.clock().instant());
    }
}
