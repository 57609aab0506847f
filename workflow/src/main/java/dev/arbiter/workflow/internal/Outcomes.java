package dev.arbiter.workflow.internal;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.core.FailureMode;
import dev.arbiter.workflow.Outcome;
import org.jspecify.annotations.Nullable;

/** Names and failure modes of outcomes, for trace events. */
public final class Outcomes {

    private Outcomes() {}

    /** Returns {@code accepted}, {@code rejected}, {@code escalated} or {@code failed}. */
    public static String kind(Outcome<?> o) {
        if (o instanceof Outcome.Accepted) {
            return "accepted";
        }
        if (o instanceof Outcome.Rejected) {
            return "rejected";
        }
        return o instanceof Outcome.Escalated ? "escalated" : "failed";
    }

    /** Returns the failure mode of a non-accepted outcome, {@code null} for an accepted one. */
    public static @Nullable FailureMode mode(Outcome<?> o) {
        if (o instanceof Outcome.Rejected<?> r) {
            return r.findings().isEmpty() ? null : r.findings().stream().map(Finding::mode).findFirst().orElse(null);
        }
        if (o instanceof Outcome.Escalated<?> e) {
            return e.mode();
        }
        return o instanceof Outcome.Failed<?> f ? f.failure().mode() : null;
    }
}
