package dev.arbiter.workflow.trace;

import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.core.Message;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default trace: one log line per event on logger {@code dev.arbiter.workflow.trace} (run and
 * step ends, remedies and approvals at INFO; everything else at DEBUG).
 *
 * <p>Lines carry ids, digests, models, usage, verdicts and failure modes; message content (prompts, answers,
 * tool arguments) only when {@code includeContent} is set. Every line, content or not, passes through the
 * {@link Redactor} (provider error messages can echo keys). Thread-safe.
 */
public final class Slf4jTraceListener implements TraceListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.arbiter.workflow.trace");

    private final Redactor redactor;
    private final boolean includeContent;

    /** Logs without message content, redacting with {@code redactor}. */
    public Slf4jTraceListener(Redactor redactor) {
        this(redactor, false);
    }

    /** Logs, with message content when {@code includeContent}, redacting with {@code redactor}. */
    public Slf4jTraceListener(Redactor redactor, boolean includeContent) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.includeContent = includeContent;
    }

    @Override
    public void on(TraceEvent event) {
        boolean info = event instanceof TraceEvent.RunEnded || event instanceof TraceEvent.StepEnded
                || event instanceof TraceEvent.RemedyTaken || event instanceof TraceEvent.ApprovalRequested
                || event instanceof TraceEvent.ApprovalDecided;
        if (info ? LOG.isInfoEnabled() : LOG.isDebugEnabled()) {
            String line = describe(event);
            if (info) {
                LOG.info(line);
            } else {
                LOG.debug(line);
            }
        }
    }

    /** Returns the redacted log line of {@code event}. */
    public String describe(TraceEvent event) {
        String run = "run " + event.scope().runId() + ": ";
        return redactor.redact(run + body(event));
    }

    private String body(TraceEvent e) {
        if (e instanceof TraceEvent.RunStarted x) return "started pipeline " + x.pipeline();
        if (e instanceof TraceEvent.RunEnded x) return "ended " + x.outcome() + mode(x.failureMode()) + " usage="
                + x.usage().inputTokens() + "/" + x.usage().outputTokens();
        if (e instanceof TraceEvent.StepStarted x) return "step " + x.step() + " started";
        if (e instanceof TraceEvent.StepEnded x) return "step " + x.step() + " ended " + x.outcome()
                + mode(x.failureMode()) + (x.resumed() ? " (from checkpoint)" : "");
        if (e instanceof TraceEvent.AttemptStarted x) return "step " + x.step() + " attempt " + x.attempt();
        if (e instanceof TraceEvent.AttemptEnded x) return "step " + x.step() + " attempt " + x.attempt() + " ended"
                + (x.failureMode() == null ? " passed" : mode(x.failureMode()));
        if (e instanceof TraceEvent.GenerationStarted x) return "chat " + x.provider() + " request "
                + x.request().digest() + (includeContent ? " messages=" + content(x) : "");
        if (e instanceof TraceEvent.GenerationEnded x) return x.generation() == null
                ? "chat " + x.provider() + " failed" + mode(x.failureMode()) + ": " + x.error()
                : "chat " + x.provider() + " model " + x.generation().modelId() + " usage="
                        + x.generation().usage().inputTokens() + "/" + x.generation().usage().outputTokens()
                        + " finish=" + x.generation().finishReason()
                        + (includeContent ? " text=" + x.generation().text() : "");
        if (e instanceof TraceEvent.VerificationStarted x) return "verifier " + x.verifierId() + " started";
        if (e instanceof TraceEvent.VerificationEnded x) return "verifier " + x.verifierId() + " -> "
                + x.verdict().getClass().getSimpleName();
        if (e instanceof TraceEvent.ToolCallStarted x) return "tool " + x.call().name() + " call " + x.call().id()
                + (includeContent ? " arguments=" + x.call().arguments() : "");
        if (e instanceof TraceEvent.ToolCallEnded x) return "tool " + x.call().name() + " call " + x.call().id()
                + " " + x.decision() + (x.detail() == null || !includeContent ? "" : ": " + x.detail());
        if (e instanceof TraceEvent.ApprovalRequested x) return "approval " + x.pendingId() + " requested: "
                + x.reason();
        if (e instanceof TraceEvent.ApprovalDecided x) return "approval " + x.pendingId() + (x.approved()
                ? " approved" : " denied") + " by " + x.approver();
        TraceEvent.RemedyTaken x = (TraceEvent.RemedyTaken) e;
        return "step " + x.step() + " attempt " + x.attempt() + " " + x.failureMode() + " -> " + x.remedy();
    }

    private static String content(TraceEvent.GenerationStarted x) {
        return x.request().messages().stream().map(Slf4jTraceListener::text).collect(Collectors.joining(" | "));
    }

    static String text(Message m) {
        if (m instanceof Message.System s) return "system: " + s.text();
        if (m instanceof Message.User u) return "user: " + u.text();
        if (m instanceof Message.Assistant a) return "assistant: " + a.text();
        Message.ToolResult t = (Message.ToolResult) m;
        return "tool " + t.toolName() + ": " + t.content();
    }

    private static String mode(@Nullable Object mode) {
        return mode == null ? "" : " [" + mode + "]";
    }
}
