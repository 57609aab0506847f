package dev.arbiter.workflow.internal;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.core.FailureMode;
import dev.arbiter.workflow.Remedies;
import dev.arbiter.workflow.Remedy;
import java.util.List;

/** Chooses the failure mode that decides an attempt with several findings. */
final class Modes {

    private Modes() {}

    /**
     * Returns the mode whose remedy is the most severe: ABORT before ESCALATE before the retrying remedies;
     * among equals, the first finding's.
     */
    static FailureMode decisive(List<Finding> findings, Remedies remedies) {
        FailureMode best = findings.get(0).mode();
        for (Finding f : findings) {
            if (rank(remedies.forMode(f.mode())) < rank(remedies.forMode(best))) {
                best = f.mode();
            }
        }
        return best;
    }

    private static int rank(Remedy remedy) {
        if (remedy == Remedy.ABORT) {
            return 0;
        }
        return remedy == Remedy.ESCALATE ? 1 : 2;
    }
}
