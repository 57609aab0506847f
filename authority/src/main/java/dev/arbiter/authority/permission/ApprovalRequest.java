package dev.arbiter.authority.permission;

import dev.arbiter.core.ToolCall;
import java.util.Objects;

/**
 * What a person is asked to approve: one exact tool call in one run, with the envelope's reason. Immutable and
 * thread-safe.
 *
 * @param runId the run that proposed the call
 * @param toolName the tool
 * @param callDigest the {@link ToolCalls#digest digest} of the exact call; the approval is good for this call only
 * @param canonicalCall the call's canonical JSON, for the person to read
 * @param rule the rule that escalated it
 * @param reason why it needs approval
 * @param policy the policy it was escalated under
 */
public record ApprovalRequest(String runId, String toolName, String callDigest, String canonicalCall, String rule,
        String reason, PolicyRef policy) {

    public ApprovalRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(callDigest, "callDigest");
        Objects.requireNonNull(canonicalCall, "canonicalCall");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(policy, "policy");
        if (!callDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("callDigest must be a SHA-256 in lower-case hex, was '" + callDigest + "'");
        }
    }

    /** Returns the request for a call the envelope escalated. */
    public static ApprovalRequest of(String runId, ToolCall call, PermissionDecision.NeedsApproval decision) {
        return new ApprovalRequest(runId, call.name(), ToolCalls.digest(call), ToolCalls.canonical(call),
                decision.rule(), decision.reason(), decision.policy());
    }
}
