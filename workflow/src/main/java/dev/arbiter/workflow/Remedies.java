package dev.arbiter.workflow;

import dev.arbiter.core.FailureMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The remedy per failure mode for one {@link GovernedStep}, plus the back-off settings.
 *
 * <p>Defaults, as in the architecture plan: {@code REPAIR} for SCHEMA_VIOLATION, HALLUCINATION and
 * TOOL_MISDECLARED; {@code RE_RETRIEVE} for CONTEXT_MISSING and RETRIEVAL_WRONG; {@code SHRINK_CONTEXT} for
 * CONTEXT_OVERFLOW; {@code RAISE_LIMIT} for TRUNCATED; {@code BACK_OFF} for PROVIDER_UNAVAILABLE and
 * TOOL_FAILED; {@code ESCALATE} for UNDERSPECIFIED, CONSTRAINT_CONFLICT, POLICY_VIOLATION, REFUSAL and
 * CONTENT_FILTERED (and for a verifier's HumanReview verdict); {@code ABORT} for PROVIDER_REJECTED,
 * VERIFIER_ERROR (fail closed) and BUDGET_EXCEEDED. BUDGET_EXCEEDED and VERIFIER_ERROR always abort.
 *
 * <p>Immutable and thread-safe; {@link #with} returns a modified copy.
 */
public final class Remedies {

    private static final Remedies DEFAULTS = new Remedies(defaultMap(), Backoff.DEFAULT);

    private final Map<FailureMode, Remedy> remedies;
    private final Backoff backoff;

    private Remedies(Map<FailureMode, Remedy> remedies, Backoff backoff) {
        this.remedies = remedies;
        this.backoff = backoff;
    }

    /** Returns the defaults of the architecture plan. */
    public static Remedies defaults() {
        return DEFAULTS;
    }

    /** Returns the remedy for {@code mode}. */
    public Remedy forMode(FailureMode mode) {
        return remedies.get(Objects.requireNonNull(mode, "mode"));
    }

    /** Returns the back-off settings. */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * Returns a copy that answers {@code mode} with {@code remedy}.
     *
     * @throws IllegalArgumentException for BUDGET_EXCEEDED or VERIFIER_ERROR with anything but ABORT: a spent
     *     budget is never retried and a verifier that threw never passes a candidate
     */
    public Remedies with(FailureMode mode, Remedy remedy) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(remedy, "remedy");
        if ((mode == FailureMode.BUDGET_EXCEEDED || mode == FailureMode.VERIFIER_ERROR) && remedy != Remedy.ABORT) {
            throw new IllegalArgumentException(mode + " always aborts; it cannot be answered with " + remedy);
        }
        Map<FailureMode, Remedy> copy = new EnumMap<>(remedies);
        copy.put(mode, remedy);
        return new Remedies(copy, backoff);
    }

    /** Returns a copy with other back-off settings. */
    public Remedies withBackoff(Backoff backoff) {
        return new Remedies(remedies, Objects.requireNonNull(backoff, "backoff"));
    }

    private static Map<FailureMode, Remedy> defaultMap() {
        Map<FailureMode, Remedy> m = new EnumMap<>(FailureMode.class);
        m.put(FailureMode.UNDERSPECIFIED, Remedy.ESCALATE);
        m.put(FailureMode.CONSTRAINT_CONFLICT, Remedy.ESCALATE);
        m.put(FailureMode.CONTEXT_MISSING, Remedy.RE_RETRIEVE);
        m.put(FailureMode.RETRIEVAL_WRONG, Remedy.RE_RETRIEVE);
        m.put(FailureMode.CONTEXT_OVERFLOW, Remedy.SHRINK_CONTEXT);
        m.put(FailureMode.SCHEMA_VIOLATION, Remedy.REPAIR);
        m.put(FailureMode.HALLUCINATION, Remedy.REPAIR);
        m.put(FailureMode.POLICY_VIOLATION, Remedy.ESCALATE);
        m.put(FailureMode.VERIFIER_ERROR, Remedy.ABORT);
        m.put(FailureMode.REFUSAL, Remedy.ESCALATE);
        m.put(FailureMode.TRUNCATED, Remedy.RAISE_LIMIT);
        m.put(FailureMode.CONTENT_FILTERED, Remedy.ESCALATE);
        m.put(FailureMode.PROVIDER_UNAVAILABLE, Remedy.BACK_OFF);
        m.put(FailureMode.PROVIDER_REJECTED, Remedy.ABORT);
        m.put(FailureMode.TOOL_MISDECLARED, Remedy.REPAIR);
        m.put(FailureMode.TOOL_FAILED, Remedy.BACK_OFF);
        m.put(FailureMode.BUDGET_EXCEEDED, Remedy.ABORT);
        return m;
    }

    @Override
    public String toString() {
        return "Remedies" + remedies + " " + backoff;
    }
}
