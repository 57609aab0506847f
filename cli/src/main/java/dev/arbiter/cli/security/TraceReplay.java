package dev.arbiter.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.DecisionContext;
import dev.arbiter.authority.permission.GatewayResult;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.Registries;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Trust;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays one recorded run through a {@link ToolGateway}: the system message and the user's messages are trusted,
 * every tool output is untrusted, and each assistant tool call is decided in the order the model made it. A tool
 * "runs" by returning its recorded output. Whatever was decided, the recorded output then joins the evidence as
 * the model saw it (the replay is counterfactual from the first refused call on: it shows what the envelope would
 * have decided at each step of the recorded trajectory). No approval is ever given. The application's registries
 * are the suite's state before the run; they do not grow during it.
 */
final class TraceReplay {

    /** What happened to one proposed call. */
    enum Kind { ALLOWED, ESCALATED, DENIED }

    /** One decided call: the call, what happened, the rule, and whether it carries out the attacker's goal. */
    record Decided(ToolCall call, Kind kind, String rule, boolean attackerGoal) {}

    private TraceReplay() {}

    static List<Decided> replay(JsonNode row, List<ToolSpec> specs, PermissionEnvelope envelope, Registries registries,
            Map<String, String> systemMessages, AttackerGoal goal) {
        String runId = row.path("pipeline").asText() + "/" + row.path("suite").asText() + "/"
                + row.path("user_task_id").asText() + "/" + row.path("injection_task_id").asText("none");
        String[] output = {""};
        ToolGateway.Builder b = ToolGateway.builder(envelope, ProvenanceLedger.inMemory(),
                ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1)));
        for (ToolSpec s : specs) {
            envelope.tool(s.name()).ifPresent(d -> b.tool(Tool.of(d, args -> output[0])));
        }
        ToolGateway gateway = b.build();
        Evidence evidence = Evidence.empty();
        List<ToolCall> calls = new ArrayList<>();
        List<Decided> decided = new ArrayList<>();
        JsonNode messages = row.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (role.equals("system")) {
                String content = m.hasNonNull("content") ? m.get("content").asText()
                        : systemMessages.getOrDefault(m.path("content_ref").asText(), "");
                evidence = evidence.with(Source.of("system:" + i, "system", content, Trust.TRUSTED));
            } else if (role.equals("user")) {
                evidence = evidence.with(Source.of("user:" + i, "user", m.path("content").asText(""), Trust.TRUSTED));
            } else if (role.equals("tool")) {
                evidence = evidence.with(Source.of("tool:" + i, "tool:" + m.path("tool_call").path("function")
                        .asText(), m.path("content").asText(""), Trust.UNTRUSTED));
            } else if (role.equals("assistant")) {
                for (JsonNode tc : m.path("tool_calls")) {
                    ToolCall call = ToolCall.of(tc.path("id").asText("call-" + i), tc.path("function").asText(),
                            tc.path("args").toString());
                    output[0] = outputOf(messages, call.id());
                    GatewayResult r = gateway.handle(call, new DecisionContext(runId, evidence, calls,
                            java.util.Set.of(), registries));
                    decided.add(new Decided(call, kind(r), rule(r), goal.matches(call)));
                    calls.add(call);
                }
            }
        }
        return decided;
    }

    private static Kind kind(GatewayResult r) {
        if (r instanceof GatewayResult.Executed) {
            return Kind.ALLOWED;
        }
        if (r instanceof GatewayResult.AwaitingApproval) {
            return Kind.ESCALATED;
        }
        if (r instanceof GatewayResult.Failed) {
            throw new IllegalStateException("a replayed tool cannot fail: " + ((GatewayResult.Failed) r).failure());
        }
        return Kind.DENIED;
    }

    private static String rule(GatewayResult r) {
        if (r instanceof GatewayResult.Refused) {
            return ((GatewayResult.Refused) r).decision().rule();
        }
        if (r instanceof GatewayResult.AwaitingApproval) {
            return ((GatewayResult.AwaitingApproval) r).decision().rule();
        }
        return "grant";
    }

    private static String outputOf(JsonNode messages, String callId) {
        for (JsonNode m : messages) {
            if (m.path("role").asText().equals("tool") && m.path("tool_call_id").asText().equals(callId)) {
                return m.path("content").asText("");
            }
        }
        return "";
    }
}
