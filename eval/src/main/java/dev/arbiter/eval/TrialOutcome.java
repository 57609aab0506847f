package dev.arbiter.eval;

import java.util.Objects;

/**
 * What one run of the subject on one case produced: an output, or a failure. Immutable and thread-safe.
 */
public sealed interface TrialOutcome permits TrialOutcome.Produced, TrialOutcome.Failed {

    /**
     * The subject returned an output.
     *
     * @param text the output as text (a string's text, or the canonical JSON of a structured output)
     */
    record Produced(String text) implements TrialOutcome {
        public Produced {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The subject threw or returned {@code null}; every metric scores 0 for this run.
     *
     * @param kind the failure mode of an {@code ArbiterException}, or the exception's class name
     * @param message what went wrong
     */
    record Failed(String kind, String message) implements TrialOutcome {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
