package dev.arbiter.authority.permission;

import dev.arbiter.authority.provenance.internal.DriverManagerDataSource;
import dev.arbiter.core.ToolCall;
import java.time.Clock;
import java.time.Duration;

/** Run in a child JVM: submits one pending approval to a JDBC queue, prints its id and exits. */
public final class ApprovalQueueMain {

    private ApprovalQueueMain() {}

    /** Arguments: JDBC URL, user, password, run id, call name, call arguments. */
    public static void main(String[] args) {
        ApprovalQueue q = ApprovalQueue.jdbc(new DriverManagerDataSource(args[0], args[1], args[2]),
                Clock.systemUTC(), Duration.ofHours(1));
        ToolCall call = ToolCall.of("c1", args[4], args[5]);
        Approval a = q.submit(ApprovalRequest.of(args[3], call, new PermissionDecision.NeedsApproval(
                "tainted recipient", "provenance:recipient", PolicyRef.of("child", "1"))));
        System.out.println("PENDING " + a.id());
        System.out.flush();
    }
}
