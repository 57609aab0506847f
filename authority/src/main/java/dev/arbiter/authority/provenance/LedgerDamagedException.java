package dev.arbiter.authority.provenance;

import java.util.Objects;

/**
 * Thrown when a ledger cannot be opened for appending because its store is damaged: a partial last line left by
 * a crash (when repair was not asked for), or a last record that cannot be read, so the chain cannot be
 * continued. {@link #problem()} says where and why.
 */
public final class LedgerDamagedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient LedgerVerification.Broken problem;

    /** Returns an exception for the problem; its message is the problem's message. */
    public LedgerDamagedException(LedgerVerification.Broken problem) {
        super(Objects.requireNonNull(problem, "problem").message());
        this.problem = problem;
    }

    /** Returns where the store is damaged and why. */
    public LedgerVerification.Broken problem() {
        return problem;
    }
}
