package dev.arbiter.cli.providers;

import java.util.Objects;

/**
 * The replay of one record: what came out, what the record's tags and status say should have, and whether
 * the two agree.
 */
record ReplayResult(FixtureRecord record, ReplayOutcome outcome, Expectation expected) {

    ReplayResult {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(expected, "expected");
    }

    /** Returns whether the outcome is what the record's tags, status and error type call for. */
    boolean asExpected() {
        return matches(expected, outcome);
    }

    private static boolean matches(Expectation e, ReplayOutcome o) {
        if (o instanceof ReplayOutcome.Crashed) {
            return false;
        }
        if (e.failure() != null) {
            return o.failureMode().filter(e.failure()::equals).isPresent();
        }
        if (o.failureMode().isPresent()) {
            return false;
        }
        if (o instanceof ReplayOutcome.Several several) {
            return several.outcomes().stream().allMatch(inner -> matches(e, inner));
        }
        if (o instanceof ReplayOutcome.Generated g) {
            boolean finishOk = e.finish() == null || e.finish() == g.generation().finishReason();
            boolean toolsOk = !e.toolCalls() || g.generation().hasToolCalls();
            return finishOk && toolsOk;
        }
        return true;
    }

    /** Returns the report line for this record. */
    String line() {
        FixtureRecord r = record;
        return String.format("%-10s %s %s %s %d%s: %s%s",
                asExpected() ? "expected" : "UNEXPECTED",
                r.location(),
                r.provider(),
                r.method() + " " + r.path(),
                r.status(),
                r.streaming() ? " sse" : "",
                outcome.describe(),
                asExpected() ? "" : "; expected " + expected.describe());
    }
}
