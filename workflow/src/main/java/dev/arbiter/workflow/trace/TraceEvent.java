package dev.arbiter.workflow.trace;

import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Usage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One trace event of a run. Events come in start/end pairs that share a {@link Scope#spanId()}: run, step,
 * attempt, generation, verification, tool call and approval; {@link RemedyTaken} stands alone.
 *
 * <p>Immutable and thread-safe. The request and generation carried by generation events hold message
 * content: listeners that export them must redact (see {@link Redactor}).
 */
public sealed interface TraceEvent {

    /** Returns where this event belongs: run, span, parent span and time. */
    Scope scope();

    /**
     * Where an event belongs.
     *
     * @param runId the run
     * @param spanId the span this event starts or ends
     * @param parentSpanId the enclosing span, {@code null} for the run itself
     * @param time when it happened
     */
    record Scope(String runId, String spanId, @Nullable String parentSpanId, Instant time) {
        public Scope {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(spanId, "spanId");
            Objects.requireNonNull(time, "time");
        }

        /** Returns the enclosing span, empty for a run. */
        public Optional<String> parent() {
            return Optional.ofNullable(parentSpanId);
        }
    }

    /** A run of pipeline {@code pipeline} started. */
    record RunStarted(Scope scope, String pipeline) implements TraceEvent {}

    /**
     * A run ended.
     *
     * @param outcome {@code accepted}, {@code rejected}, {@code escalated} or {@code failed}
     * @param failureMode the failure mode when it did not end accepted
     * @param usage the tokens used by the whole run
     */
    record RunEnded(Scope scope, String pipeline, String outcome, @Nullable FailureMode failureMode, Usage usage)
            implements TraceEvent {}

    /** Step {@code step} started. */
    record StepStarted(Scope scope, String step) implements TraceEvent {}

    /**
     * Step {@code step} ended.
     *
     * @param outcome as in {@link RunEnded}
     * @param resumed true when the artifact came from a checkpoint and the step did not run
     */
    record StepEnded(Scope scope, String step, String outcome, @Nullable FailureMode failureMode, boolean resumed)
            implements TraceEvent {}

    /** Attempt {@code attempt} (1-based) of a governed step started. */
    record AttemptStarted(Scope scope, String step, int attempt) implements TraceEvent {}

    /** Attempt {@code attempt} ended; {@code failureMode} is {@code null} when it was accepted. */
    record AttemptEnded(Scope scope, String step, int attempt, @Nullable FailureMode failureMode)
            implements TraceEvent {}

    /** A request went to the model of {@code provider}; {@code model} is what the step expects, may be empty. */
    record GenerationStarted(Scope scope, String provider, String model, GenerationRequest request)
            implements TraceEvent {}

    /**
     * The model answered ({@code generation} set) or the call failed ({@code failureMode} and {@code error} set).
     */
    record GenerationEnded(Scope scope, String provider, @Nullable Generation generation,
            @Nullable FailureMode failureMode, @Nullable String error) implements TraceEvent {}

    /** Verifier {@code verifierId} started on a candidate. */
    record VerificationStarted(Scope scope, String verifierId) implements TraceEvent {}

    /** Verifier {@code verifierId} returned {@code verdict}. */
    record VerificationEnded(Scope scope, String verifierId, Verdict verdict) implements TraceEvent {}

    /** A proposed tool call is about to be decided and, if allowed, executed. */
    record ToolCallStarted(Scope scope, ToolCall call) implements TraceEvent {}

    /**
     * A tool call ended: {@code decision} is {@code executed}, {@code denied}, {@code pending} or {@code failed}.
     */
    record ToolCallEnded(Scope scope, ToolCall call, String decision, @Nullable String detail)
            implements TraceEvent {}

    /** A person was asked to decide pending item {@code pendingId}. */
    record ApprovalRequested(Scope scope, String pendingId, String reason) implements TraceEvent {}

    /** Pending item {@code pendingId} was decided. */
    record ApprovalDecided(Scope scope, String pendingId, boolean approved, String approver) implements TraceEvent {}

    /**
     * The attempt loop answered {@code failureMode} with {@code remedy} (e.g. {@code REPAIR}, {@code BACK_OFF}).
     */
    record RemedyTaken(Scope scope, String step, int attempt, FailureMode failureMode, String remedy)
            implements TraceEvent {}
}
