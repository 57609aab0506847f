package dev.arbiter.authority.permission;

import dev.arbiter.core.Evidence;
import dev.arbiter.core.ToolCall;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link PermissionEnvelope} decides a call with: the run, the evidence of the run so far (trusted and
 * untrusted sources), the calls the run already executed (for call limits), values a person already approved
 * in this run (they count as trusted for value provenance), and the application's {@link Registries} (values a
 * grant's registry holds count as trusted for that parameter). A record, so it can grow without breaking callers of
 * {@link PermissionEnvelope#decide}. Immutable and thread-safe.
 *
 * @param runId the run's id; not blank
 * @param evidence the material of the run so far
 * @param callsSoFar the calls the run executed, in order
 * @param approvedValues values of earlier calls a person approved in this run
 * @param registries the application's registries, as they stand for this decision
 */
public record DecisionContext(String runId, Evidence evidence, List<ToolCall> callsSoFar, Set<String> approvedValues,
        Registries registries) {

    public DecisionContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(registries, "registries");
        Objects.requireNonNull(evidence, "evidence");
        callsSoFar = List.copyOf(callsSoFar);
        approvedValues = Set.copyOf(approvedValues);
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
    }

    /** Creates a context without registries ({@link Registries#none()}). */
    public DecisionContext(String runId, Evidence evidence, List<ToolCall> callsSoFar, Set<String> approvedValues) {
        this(runId, evidence, callsSoFar, approvedValues, Registries.none());
    }

    /** Returns a context with this evidence, no calls so far, no approved values and no registries. */
    public static DecisionContext of(String runId, Evidence evidence) {
        return new DecisionContext(runId, evidence, List.of(), Set.of());
    }

    /** Returns a copy that consults these registries. */
    public DecisionContext withRegistries(Registries newRegistries) {
        return new DecisionContext(runId, evidence, callsSoFar, approvedValues, newRegistries);
    }

    /** Returns a copy with this evidence. */
    public DecisionContext withEvidence(Evidence newEvidence) {
        return new DecisionContext(runId, newEvidence, callsSoFar, approvedValues, registries);
    }

    /** Returns a copy with one more executed call. */
    public DecisionContext withCall(ToolCall call) {
        List<ToolCall> calls = new java.util.ArrayList<>(callsSoFar);
        calls.add(call);
        return new DecisionContext(runId, evidence, calls, approvedValues, registries);
    }

    /** Returns a copy with more approved values. */
    public DecisionContext withApprovedValues(Set<String> values) {
        Set<String> all = new java.util.LinkedHashSet<>(approvedValues);
        all.addAll(values);
        return new DecisionContext(runId, evidence, callsSoFar, all, registries);
    }
}
