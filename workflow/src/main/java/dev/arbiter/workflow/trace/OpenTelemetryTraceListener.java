package dev.arbiter.workflow.trace;

import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns trace events into OpenTelemetry spans following the GenAI semantic conventions.
 *
 * <p>Spans: {@code invoke_workflow {pipeline}} per run; {@code step {id}} and {@code attempt {n}} below it;
 * {@code chat {model}} (kind CLIENT) per generation with {@code gen_ai.operation.name}, {@code gen_ai.provider.name},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens}, {@code gen_ai.response.finish_reasons}; {@code verify {verifier}} per verifier
 * with a {@code gen_ai.evaluation.result} event ({@code gen_ai.evaluation.name}, {@code gen_ai.evaluation.score.label}
 * pass/fail/human_review, {@code gen_ai.evaluation.explanation}); {@code execute_tool {tool}} per tool call with
 * {@code gen_ai.tool.name}, {@code gen_ai.tool.call.id} and the redacted {@code gen_ai.tool.call.arguments};
 * {@code approval {pendingId}}. Remedies are {@code arbiter.remedy} events on the step span (the attempt they answer has ended). A failed or
 * rejected run, step, attempt or call gets status ERROR and {@code error.type} = the failure mode.
 *
 * <p>Message content ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}) is recorded only when
 * {@code captureContent} is set; every recorded text passes through the {@link Redactor}. Thread-safe.
 */
public final class OpenTelemetryTraceListener implements TraceListener {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    static final AttributeKey<String> TOOL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
    static final AttributeKey<String> EVALUATION_NAME = AttributeKey.stringKey("gen_ai.evaluation.name");
    static final AttributeKey<String> EVALUATION_LABEL = AttributeKey.stringKey("gen_ai.evaluation.score.label");
    static final AttributeKey<String> EVALUATION_EXPLANATION = AttributeKey.stringKey("gen_ai.evaluation.explanation");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("arbiter.run.id");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("arbiter.step");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("arbiter.outcome");

    private final Tracer tracer;
    private final Redactor redactor;
    private final boolean captureContent;
    private final ConcurrentMap<String, Span> open = new ConcurrentHashMap<>();

    /**
     * Creates the listener.
     *
     * @param tracer where spans go
     * @param redactor applied to every recorded text
     * @param captureContent whether prompts and answers are recorded (redacted)
     */
    public OpenTelemetryTraceListener(Tracer tracer, Redactor redactor, boolean captureContent) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.captureContent = captureContent;
    }

    @Override
    public void on(TraceEvent e) {
        if (e instanceof TraceEvent.RunStarted x) {
            start(e, "invoke_workflow " + x.pipeline(), SpanKind.INTERNAL).setAttribute(OPERATION, "invoke_workflow");
        } else if (e instanceof TraceEvent.RunEnded x) {
            end(e, x.outcome(), x.failureMode());
        } else if (e instanceof TraceEvent.StepStarted x) {
            start(e, "step " + x.step(), SpanKind.INTERNAL).setAttribute(STEP, x.step());
        } else if (e instanceof TraceEvent.StepEnded x) {
            end(e, x.outcome(), x.failureMode());
        } else if (e instanceof TraceEvent.AttemptStarted x) {
            start(e, "attempt " + x.attempt(), SpanKind.INTERNAL).setAttribute(STEP, x.step());
        } else if (e instanceof TraceEvent.AttemptEnded x) {
            end(e, x.failureMode() == null ? "accepted" : "failed", x.failureMode());
        } else if (e instanceof TraceEvent.GenerationStarted x) {
            chatStarted(x);
        } else if (e instanceof TraceEvent.GenerationEnded x) {
            chatEnded(x);
        } else if (e instanceof TraceEvent.VerificationStarted x) {
            start(e, "verify " + x.verifierId(), SpanKind.INTERNAL);
        } else if (e instanceof TraceEvent.VerificationEnded x) {
            verificationEnded(x);
        } else if (e instanceof TraceEvent.ToolCallStarted x) {
            start(e, "execute_tool " + x.call().name(), SpanKind.INTERNAL).setAttribute(OPERATION, "execute_tool")
                    .setAttribute(TOOL_NAME, x.call().name()).setAttribute(TOOL_CALL_ID, x.call().id())
                    .setAttribute(TOOL_ARGUMENTS, redactor.redact(x.call().arguments()));
        } else if (e instanceof TraceEvent.ToolCallEnded x) {
            end(e, x.decision(), x.decision().equals("denied") ? FailureMode.POLICY_VIOLATION
                    : x.decision().equals("failed") ? FailureMode.TOOL_FAILED : null);
        } else if (e instanceof TraceEvent.ApprovalRequested x) {
            start(e, "approval " + x.pendingId(), SpanKind.INTERNAL);
        } else if (e instanceof TraceEvent.ApprovalDecided x) {
            end(e, x.approved() ? "approved" : "denied", null);
        } else if (e instanceof TraceEvent.RemedyTaken x) {
            Span parent = x.scope().parentSpanId() == null ? null : open.get(x.scope().parentSpanId());
            Span target = parent != null ? parent : open.getOrDefault(x.scope().spanId(), Span.getInvalid());
            target.addEvent("arbiter.remedy", Attributes.of(AttributeKey.stringKey("arbiter.failure_mode"),
                    x.failureMode().name(), AttributeKey.stringKey("arbiter.remedy"), x.remedy()),
                    x.scope().time().toEpochMilli(), TimeUnit.MILLISECONDS);
        }
    }

    private void chatStarted(TraceEvent.GenerationStarted x) {
        GenerationRequest r = x.request();
        String model = x.model();
        Span span = start(x, model.isEmpty() ? "chat" : "chat " + model, SpanKind.CLIENT)
                .setAttribute(OPERATION, "chat").setAttribute(PROVIDER, x.provider());
        if (!model.isEmpty()) {
            span.setAttribute(REQUEST_MODEL, model);
        }
        r.maxOutputTokens().ifPresent(max -> span.setAttribute(MAX_TOKENS, (long) max));
        if (captureContent) {
            span.setAttribute(INPUT_MESSAGES, redactor.redact(r.messages().stream().map(Slf4jTraceListener::text)
                    .collect(Collectors.joining("\n"))));
        }
    }

    private void chatEnded(TraceEvent.GenerationEnded x) {
        Span span = open.get(x.scope().spanId());
        Generation g = x.generation();
        if (span != null && g != null) {
            span.setAttribute(RESPONSE_MODEL, g.modelId())
                    .setAttribute(INPUT_TOKENS, g.usage().inputTokens())
                    .setAttribute(OUTPUT_TOKENS, g.usage().outputTokens())
                    .setAttribute(FINISH_REASONS, List.of(g.finishReason().name().toLowerCase(java.util.Locale.ROOT)));
            if (captureContent) {
                span.setAttribute(OUTPUT_MESSAGES, redactor.redact(g.text()));
            }
        }
        if (span != null && x.error() != null) {
            span.setStatus(StatusCode.ERROR, redactor.redact(x.error()));
        }
        end(x, x.failureMode() == null ? "ok" : "failed", x.failureMode());
    }

    private void verificationEnded(TraceEvent.VerificationEnded x) {
        Span span = open.get(x.scope().spanId());
        if (span != null) {
            Verdict v = x.verdict();
            String label = v instanceof Verdict.Pass ? "pass" : v instanceof Verdict.Fail ? "fail" : "human_review";
            String explanation = v instanceof Verdict.Fail f ? f.findings().stream()
                    .map(fd -> fd.mode() + " " + fd.location().describe() + ": " + fd.message())
                    .collect(Collectors.joining("; ")) : v instanceof Verdict.HumanReview h ? h.reason() : "";
            span.addEvent("gen_ai.evaluation.result", Attributes.of(EVALUATION_NAME, x.verifierId(),
                    EVALUATION_LABEL, label, EVALUATION_EXPLANATION, redactor.redact(explanation)),
                    x.scope().time().toEpochMilli(), TimeUnit.MILLISECONDS);
        }
        FailureMode mode = x.verdict() instanceof Verdict.Fail f
                ? f.findings().stream().map(Finding::mode).findFirst().orElse(null) : null;
        end(x, mode == null ? "pass" : "fail", mode);
    }

    private Span start(TraceEvent e, String name, SpanKind kind) {
        TraceEvent.Scope s = e.scope();
        Span parent = s.parentSpanId() == null ? null : open.get(s.parentSpanId());
        Span span = tracer.spanBuilder(name)
                .setParent(parent == null ? Context.root() : Context.root().with(parent))
                .setSpanKind(kind)
                .setStartTimestamp(s.time().toEpochMilli(), TimeUnit.MILLISECONDS)
                .setAttribute(RUN_ID, s.runId())
                .startSpan();
        open.put(s.spanId(), span);
        return span;
    }

    private void end(TraceEvent e, String outcome, @Nullable FailureMode mode) {
        Span span = open.remove(e.scope().spanId());
        if (span == null) {
            return;
        }
        span.setAttribute(OUTCOME, outcome);
        if (mode != null) {
            span.setAttribute(ERROR_TYPE, mode.name());
            span.setStatus(StatusCode.ERROR, outcome + " " + mode);
        }
        span.end(e.scope().time().toEpochMilli(), TimeUnit.MILLISECONDS);
    }
}
