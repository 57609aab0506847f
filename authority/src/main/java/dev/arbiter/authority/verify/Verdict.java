package dev.arbiter.authority.verify;

import dev.arbiter.core.FailureMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a verifier decided about one candidate: it passes, it fails with findings, or a person must look.
 *
 * <p>A closed set of immutable records; create them with the factories. {@link HumanReview} is not a pass: the
 * workflow turns it into an escalation and nothing is accepted until a person decides.
 */
public sealed interface Verdict permits Verdict.Pass, Verdict.Fail, Verdict.HumanReview {

    /** Returns the id of the verifier that decided. */
    String verifierId();

    /** Returns a pass with no notes. */
    static Pass pass(String verifierId) {
        return new Pass(verifierId, List.of());
    }

    /** Returns a pass with notes (what was checked, spans found, extractions made). */
    static Pass pass(String verifierId, List<String> notes) {
        return new Pass(verifierId, notes);
    }

    /** Returns a failure with the given findings. */
    static Fail fail(String verifierId, List<Finding> findings) {
        return new Fail(verifierId, findings);
    }

    /** Returns a failure with the given findings. */
    static Fail fail(String verifierId, Finding first, Finding... more) {
        List<Finding> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return new Fail(verifierId, all);
    }

    /** Returns a verdict that a person must review the candidate, and why. */
    static HumanReview humanReview(String verifierId, String reason) {
        return new HumanReview(verifierId, reason);
    }

    /**
     * The candidate is acceptable to this verifier.
     *
     * @param verifierId who decided
     * @param notes what the verifier recorded while checking (e.g. the span of each verified quote); possibly empty
     */
    record Pass(String verifierId, List<String> notes) implements Verdict {
        public Pass {
            Objects.requireNonNull(verifierId, "verifierId");
            notes = List.copyOf(notes);
        }
    }

    /**
     * The candidate is not acceptable.
     *
     * @param verifierId who decided (for a composition, the composition's id; each finding names its own verifier)
     * @param findings what is wrong, at least one
     */
    record Fail(String verifierId, List<Finding> findings) implements Verdict {
        public Fail {
            Objects.requireNonNull(verifierId, "verifierId");
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a failing verdict of '" + verifierId + "' needs at least one finding");
            }
        }

        /** Returns the failure modes of the findings, in the enum's order. */
        public Set<FailureMode> modes() {
            Set<FailureMode> modes = EnumSet.noneOf(FailureMode.class);
            findings.forEach(f -> modes.add(f.mode()));
            return modes;
        }
    }

    /**
     * A person must look before the candidate can be accepted; the workflow escalates.
     *
     * @param verifierId who asked for review
     * @param reason why, for the reviewer; not blank
     */
    record HumanReview(String verifierId, String reason) implements Verdict {
        public HumanReview {
            Objects.requireNonNull(verifierId, "verifierId");
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a human review verdict of '" + verifierId + "' needs a reason");
            }
        }
    }
}
