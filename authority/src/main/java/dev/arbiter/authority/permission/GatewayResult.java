package dev.arbiter.authority.permission;

import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ToolGateway} did with one proposed call: {@link Executed}, {@link Refused},
 * {@link AwaitingApproval} or {@link Failed}. Each carries the ledger record that recorded it. Immutable and
 * thread-safe.
 */
public sealed interface GatewayResult permits GatewayResult.Executed, GatewayResult.Refused,
        GatewayResult.AwaitingApproval, GatewayResult.Failed {

    /** Returns the call. */
    ToolCall call();

    /** Returns the provenance record of what happened. */
    ProvenanceRecord record();

    /**
     * The call ran.
     *
     * @param call the call
     * @param decision the envelope's decision (an allow, or the escalation a person approved)
     * @param approval the approval it ran under, if a person approved it
     * @param output the tool's output
     * @param source the output as evidence for the next request, labelled with the tool's output trust
     * @param record the ledger record ({@code TOOL_EXECUTED})
     */
    record Executed(ToolCall call, PermissionDecision decision, @Nullable Approval approval, String output,
            Source source, ProvenanceRecord record) implements GatewayResult {
        public Executed {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(record, "record");
        }

        /** Returns the approval the call ran under, if any. */
        public Optional<Approval> approvedBy() {
            return Optional.ofNullable(approval);
        }
    }

    /**
     * The envelope denied the call, or a person rejected it; nothing ran.
     *
     * @param call the call
     * @param decision the denial
     * @param record the ledger record ({@code REJECTED})
     */
    record Refused(ToolCall call, PermissionDecision.Deny decision, ProvenanceRecord record) implements GatewayResult {
        public Refused {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * The call waits for a person; nothing ran. Propose the same call again once it is approved.
     *
     * @param call the call
     * @param decision the escalation
     * @param approval the pending approval
     * @param record the ledger record ({@code ESCALATED})
     */
    record AwaitingApproval(ToolCall call, PermissionDecision.NeedsApproval decision, Approval approval,
            ProvenanceRecord record) implements GatewayResult {
        public AwaitingApproval {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(approval, "approval");
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * The call was allowed but the tool threw, or has no implementation; its effects are unknown.
     *
     * @param call the call
     * @param failure a {@link dev.arbiter.core.FailureMode#TOOL_FAILED} exception whose cause is what the tool threw
     *     ({@link dev.arbiter.core.FailureMode#TOOL_MISDECLARED} if the gateway has no implementation of the tool)
     * @param record the ledger record ({@code FAILED})
     */
    record Failed(ToolCall call, ArbiterException failure, ProvenanceRecord record) implements GatewayResult {
        public Failed {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(record, "record");
        }
    }
}
