package dev.arbiter.workflow.internal;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import java.util.List;

/**
 * Builds the repair request: the composed request (contract, context, schema, tools and attributes kept as
 * they were) followed by the rejected answer and a user message listing the exact findings.
 */
final class RepairRequests {

    private RepairRequests() {}

    static GenerationRequest repair(GenerationRequest composed, Generation rejected, List<Finding> findings) {
        return composed.toBuilder()
                .addMessage(Message.assistant(rejected.text(), rejected.toolCalls()))
                .addMessage(Message.user(text(findings)))
                .build();
    }

    static String text(List<Finding> findings) {
        StringBuilder s = new StringBuilder("Your previous answer was rejected by deterministic checks. "
                + "Fix every problem below and answer again with the complete output; keep everything that was "
                + "not flagged, and keep to the same contract and schema.\n");
        int n = 1;
        for (Finding f : findings) {
            s.append('\n').append(n++).append(". [").append(f.mode()).append("] at ")
                    .append(f.location().describe()).append(": ").append(f.message());
            if (!f.feedback().isBlank()) {
                s.append("\n   Fix: ").append(f.feedback());
            }
        }
        return s.append('\n').toString();
    }
}
