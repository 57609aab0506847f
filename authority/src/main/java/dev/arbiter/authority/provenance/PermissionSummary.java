package dev.arbiter.authority.provenance;

import dev.arbiter.authority.provenance.internal.Checks;
import java.util.Objects;

/**
 * What the permission envelope decided about one proposed tool call, as a provenance record keeps it.
 *
 * <p>A summary, not the decision type of the envelope itself, so records stay readable as that type grows.
 * Immutable and thread-safe.
 *
 * @param toolName the tool the call named; not blank
 * @param callDigest the SHA-256 of the exact call (an approval binds to it)
 * @param decision allow, deny or needs approval
 * @param rule the id of the rule that decided; may be empty
 * @param reason why, for people; may be empty
 */
public record PermissionSummary(String toolName, String callDigest, Outcome decision, String rule, String reason) {

    /** The envelope's answer to one call. */
    public enum Outcome {
        /** The call may run. */
        ALLOW,
        /** The call must not run. */
        DENY,
        /** The call may run only after a person approves this exact call. */
        NEEDS_APPROVAL
    }

    public PermissionSummary {
        Checks.notBlank(toolName, "toolName");
        if (callDigest == null || !Checks.isSha256Hex(callDigest)) { // the message is built only when it is needed
            Checks.sha256Hex(callDigest, "callDigest of tool call '" + toolName + "'");
        }
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }
}
