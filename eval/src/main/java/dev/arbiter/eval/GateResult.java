package dev.arbiter.eval;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Gate} decided: passed, or failed with the violations. Both carry every check made, in order, so a
 * report can show what was held to what. Immutable and thread-safe.
 */
public sealed interface GateResult permits GateResult.Passed, GateResult.Failed {

    /**
     * One check of a gate.
     *
     * @param rule what was checked, e.g. {@code min pass rate of 'fields'}
     * @param ok whether it held
     * @param message the figures, e.g. {@code 0.850 >= 0.800}
     */
    record Check(String rule, boolean ok, String message) {
        public Check {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return (ok ? "ok   " : "FAIL ") + rule + ": " + message;
        }
    }

    /** Every check made, in order. */
    List<Check> checks();

    /** Returns whether the gate passed. */
    default boolean passed() {
        return this instanceof Passed;
    }

    /**
     * Every check held.
     *
     * @param checks the checks
     */
    record Passed(List<Check> checks) implements GateResult {
        public Passed {
            checks = List.copyOf(checks);
            if (checks.stream().anyMatch(c -> !c.ok())) {
                throw new IllegalArgumentException("a passed gate cannot hold a failed check");
            }
        }
    }

    /**
     * At least one check failed.
     *
     * @param checks the checks
     */
    record Failed(List<Check> checks) implements GateResult {
        public Failed {
            checks = List.copyOf(checks);
            if (checks.stream().allMatch(Check::ok)) {
                throw new IllegalArgumentException("a failed gate needs a failed check");
            }
        }

        /** The checks that failed. */
        public List<Check> violations() {
            return checks.stream().filter(c -> !c.ok()).toList();
        }
    }

    /** Returns the result of the checks: passed when all hold. */
    static GateResult of(List<Check> checks) {
        return checks.stream().allMatch(Check::ok) ? new Passed(checks) : new Failed(checks);
    }
}
