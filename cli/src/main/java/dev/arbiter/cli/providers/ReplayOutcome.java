package dev.arbiter.cli.providers;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.ToolCall;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** What replaying one record produced: a generation, a failure, or the result of a non-chat endpoint. */
sealed interface ReplayOutcome {

    /** Returns the failure mode the outcome signals, if any. */
    Optional<FailureMode> failureMode();

    /** Returns how the outcome reads in the report. */
    String describe();

    /** A generation came back. */
    record Generated(Generation generation) implements ReplayOutcome {
        public Generated {
            Objects.requireNonNull(generation, "generation");
        }

        @Override
        public Optional<FailureMode> failureMode() {
            return generation.failureMode();
        }

        @Override
        public String describe() {
            Generation g = generation;
            StringBuilder s = new StringBuilder("finish ").append(g.finishReason());
            g.failureMode().ifPresent(m -> s.append(" -> ").append(m));
            if (g.hasToolCalls()) {
                s.append(", ").append(g.toolCalls().size()).append(" tool call")
                        .append(g.toolCalls().size() == 1 ? "" : "s").append(" (")
                        .append(g.toolCalls().stream().map(ToolCall::name).collect(Collectors.joining(", ")))
                        .append(')');
            }
            if (!g.text().isEmpty()) {
                s.append(", text ").append(g.text().length()).append(" chars");
            }
            s.append(", usage ").append(g.usage().inputTokens()).append('/').append(g.usage().outputTokens());
            if (!g.modelId().isEmpty()) {
                s.append(", model ").append(g.modelId());
            }
            return s.toString();
        }
    }

    /** The provider call failed with a mapped exception. */
    record Failed(ArbiterException failure) implements ReplayOutcome {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public Optional<FailureMode> failureMode() {
            return Optional.of(failure.failureMode());
        }

        @Override
        public String describe() {
            StringBuilder s = new StringBuilder("failure ").append(failure.failureMode())
                    .append(failure.isRetriable() ? " (retriable" : " (not retriable");
            failure.detail().httpStatus().ifPresent(st -> s.append(", status ").append(st));
            failure.detail().errorCode().or(() -> failure.detail().errorType())
                    .ifPresent(c -> s.append(", ").append(c));
            failure.detail().retryAfter().ifPresent(r -> s.append(", retry after ").append(r.toMillis()).append(" ms"));
            return s.append(')').toString();
        }
    }

    /** A non-chat endpoint (embeddings, moderations, completions) answered. */
    record Answered(String summary) implements ReplayOutcome {
        public Answered {
            Objects.requireNonNull(summary, "summary");
        }

        @Override
        public Optional<FailureMode> failureMode() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return summary;
        }
    }

    /** A list endpoint whose stored generations were each replayed. */
    record Several(List<ReplayOutcome> outcomes) implements ReplayOutcome {
        public Several {
            outcomes = List.copyOf(outcomes);
        }

        @Override
        public Optional<FailureMode> failureMode() {
            return outcomes.stream().flatMap(o -> o.failureMode().stream()).findFirst();
        }

        @Override
        public String describe() {
            return outcomes.size() + " stored generation" + (outcomes.size() == 1 ? "" : "s") + ": "
                    + outcomes.stream().map(ReplayOutcome::describe).collect(Collectors.joining("; "));
        }
    }

    /** The generator let something other than an {@code ArbiterException} escape: always a defect. */
    record Crashed(RuntimeException exception) implements ReplayOutcome {
        public Crashed {
            Objects.requireNonNull(exception, "exception");
        }

        @Override
        public Optional<FailureMode> failureMode() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "CRASHED with " + exception;
        }
    }
}
