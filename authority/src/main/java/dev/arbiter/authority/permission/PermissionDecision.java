package dev.arbiter.authority.permission;

import dev.arbiter.authority.provenance.PermissionSummary;
import dev.arbiter.core.FailureMode;
import java.util.Objects;

/**
 * What a {@link PermissionEnvelope} decided about one proposed tool call: {@link Allow}, {@link Deny} or
 * {@link NeedsApproval}. Every decision names the rule that decided and the policy it was made under.
 * Immutable and thread-safe.
 */
public sealed interface PermissionDecision permits PermissionDecision.Allow, PermissionDecision.Deny,
        PermissionDecision.NeedsApproval {

    /** Returns the id of the rule that decided (e.g. {@code provenance:recipient}, {@code unknown-tool}). */
    String rule();

    /** Returns why, for people. */
    String reason();

    /** Returns the policy the decision was made under. */
    PolicyRef policy();

    /** Returns this decision as a provenance record keeps it. */
    PermissionSummary toSummary(String toolName, String callDigest);

    /**
     * The call may run.
     *
     * @param rule the rule that allowed it
     * @param reason why
     * @param policy the policy
     */
    record Allow(String rule, String reason, PolicyRef policy) implements PermissionDecision {
        public Allow {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public PermissionSummary toSummary(String toolName, String callDigest) {
            return new PermissionSummary(toolName, callDigest, PermissionSummary.Outcome.ALLOW, rule,
                    reason + " [policy " + policy + "]");
        }
    }

    /**
     * The call must not run.
     *
     * @param reason why, for people and for the model's repair
     * @param rule the rule that refused it
     * @param failureMode {@link FailureMode#TOOL_MISDECLARED} for unknown tools and arguments that break the tool's
     *     schema, {@link FailureMode#POLICY_VIOLATION} for everything else
     * @param policy the policy
     */
    record Deny(String reason, String rule, FailureMode failureMode, PolicyRef policy) implements PermissionDecision {
        public Deny {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(failureMode, "failureMode");
            Objects.requireNonNull(policy, "policy");
            if (failureMode != FailureMode.TOOL_MISDECLARED && failureMode != FailureMode.POLICY_VIOLATION) {
                throw new IllegalArgumentException("a denial is TOOL_MISDECLARED or POLICY_VIOLATION, was " + failureMode);
            }
        }

        @Override
        public PermissionSummary toSummary(String toolName, String callDigest) {
            return new PermissionSummary(toolName, callDigest, PermissionSummary.Outcome.DENY, rule,
                    reason + " [" + failureMode + ", policy " + policy + "]");
        }
    }

    /**
     * The call may run only after a person approves this exact call.
     *
     * @param reason what the person is asked to approve, and why
     * @param rule the rule that escalated it
     * @param policy the policy
     */
    record NeedsApproval(String reason, String rule, PolicyRef policy) implements PermissionDecision {
        public NeedsApproval {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public PermissionSummary toSummary(String toolName, String callDigest) {
            return new PermissionSummary(toolName, callDigest, PermissionSummary.Outcome.NEEDS_APPROVAL, rule,
                    reason + " [policy " + policy + "]");
        }
    }
}
