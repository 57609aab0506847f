package dev.arbiter.authority.permission;

import dev.arbiter.core.Evidence;
import dev.arbiter.core.ToolCall;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link PermissionEnvelope} decides a call with: the run, the evidence of the run so far (trusted and
 * untrusted sources), the calls the run already executed (for call limits), and values a person already approved
 * in this run (they count as trusted for value provenance). A record, so it can grow without breaking callers of
 * {@link PermissionEnvelope#decide}. Immutable and thread-safe.
 *
 * @param runId the run's id; not blank
 * @param evidence the material of the run so far
 * @param callsSoFar the calls the run executed, in order
 * @param approvedValues values of earlier calls a person approved in this run
 */
public record DecisionContext(String runId, Evidence evidence, List<ToolCall> callsSoFar, Set<String> approvedValues) {

    public DecisionContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(evidence, "evidence");
        callsSoFar = List.copyOf(callsSoFar);
        approvedValues = Set.copyOf(approvedValues);
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
    }

    /** Returns a context with this evidence, no calls so far and no approved values. */
    public static DecisionContext of(String runId, Evidence evidence) {
        return new DecisionContext(runId, evidence, List.of(), Set.of());
    }

    /** Returns a copy with this evidence. */
    public DecisionContext withEvidence(Evidence newEvidence) {
        return new DecisionContext(runId, newEvidence, callsSoFar, approvedValues);
    }

    /** Returns a copy with one more executed call. */
    public DecisionContext withCall(ToolCall call) {
        List<ToolCall> calls = new java.util.ArrayList<>(callsSoFar);
        calls.add(call);
        return new DecisionContext(runId, evidence, calls, approvedValues);
    }

    /** Returns a copy with more approved values. */
    public DecisionContext withApprovedValues(Set<String> values) {
        Set<String> all = new java.util.LinkedHashSet<>(approvedValues);
        all.addAll(values);
        return new DecisionContext(runId, evidence, callsSoFar, all);
    }
}
