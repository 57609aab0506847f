package dev.arbiter.steering.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What a provider is given for a JSON Schema: either a {@link Converted} schema the provider enforces natively
 * (with the list of what was relaxed to make it acceptable), or a {@link Fallback} to a plain JSON response with
 * the full schema stated in the instructions.
 *
 * <p>Either way the full schema stays the one verification checks: a relaxation means the provider enforces less
 * (or, for some kinds, something narrower) than the full schema, never that less is verified.
 *
 * <p>A closed set of immutable records; thread-safe.
 */
public sealed interface ProviderSchema permits ProviderSchema.Converted, ProviderSchema.Fallback {

    /**
     * A schema the provider accepts in its strict mode.
     *
     * @param schema the provider-native schema (a copy is returned on each call)
     * @param relaxations every change from the full schema, in the order they were made; empty when the full
     *     schema was already in the provider's form
     */
    record Converted(JsonNode schema, List<Relaxation> relaxations) implements ProviderSchema {
        public Converted {
            schema = Objects.requireNonNull(schema, "schema").deepCopy();
            relaxations = List.copyOf(relaxations);
        }

        @Override
        public JsonNode schema() {
            return schema.deepCopy();
        }

        /**
         * Returns whether the provider enforces exactly what the full schema allows: every change is
         * {@link Relaxation.Kind#lossless() lossless}.
         */
        public boolean exact() {
            return relaxations.stream().allMatch(r -> r.kind().lossless());
        }

        /**
         * Returns whether the provider may produce output the full schema rejects: a validation keyword was
         * {@link Relaxation.Kind#DROPPED dropped} or an optional property was made
         * {@link Relaxation.Kind#NULLABLE nullable}.
         */
        public boolean weakened() {
            return relaxations.stream().anyMatch(r -> r.kind().weakens());
        }

        /** Returns the relaxations that are not lossless. */
        public List<Relaxation> lossy() {
            return relaxations.stream().filter(r -> !r.kind().lossless()).toList();
        }
    }

    /**
     * The schema cannot be put into the provider's strict form: use a plain JSON response format and state the
     * full schema in the instructions ({@link #instructions(JsonNode)}).
     *
     * @param problems why, each at a JSON pointer into the full schema; never empty
     */
    record Fallback(List<Problem> problems) implements ProviderSchema {
        public Fallback {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) throw new IllegalArgumentException("a fallback needs at least one problem");
        }

        /** Returns the instruction text that carries the full schema to the model. */
        public String instructions(JsonNode fullSchema) {
            return "Respond with a single JSON value, and nothing else, that is valid under this JSON Schema:\n"
                    + fullSchema.toPrettyString() + "\n";
        }
    }

    /**
     * One change made to a schema to fit the provider.
     *
     * @param pointer the JSON pointer of the changed schema in the full schema ({@code ""} for the root)
     * @param keyword the keyword concerned, e.g. {@code minLength}, {@code oneOf}, {@code additionalProperties}
     * @param kind what kind of change it is
     * @param reason what was changed and why, in words
     */
    record Relaxation(String pointer, String keyword, Kind kind, String reason) {
        /** Kinds of change. */
        public enum Kind {
            /** An annotation or a keyword that has no effect here was removed: the same instances are valid. */
            ANNOTATION_REMOVED(true, false),
            /** The schema was rewritten into an equivalent form (allOf merged, type list split, refs hoisted). */
            REWRITTEN(true, false),
            /** Narrower: the provider cannot produce some instances the full schema allows (e.g. extra keys). */
            NARROWED(false, false),
            /** An optional property became required with a null alternative: it comes back as null when absent. */
            NULLABLE(false, true),
            /** A validation keyword the provider does not enforce was dropped; verification still checks it. */
            DROPPED(false, true);

            private final boolean lossless;
            private final boolean weakens;

            Kind(boolean lossless, boolean weakens) {
                this.lossless = lossless;
                this.weakens = weakens;
            }

            /** Returns whether the change leaves the set of valid instances unchanged. */
            public boolean lossless() {
                return lossless;
            }

            /** Returns whether the provider may now produce output the full schema rejects. */
            public boolean weakens() {
                return weakens;
            }
        }

        public Relaxation {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Why a schema cannot be put into the provider's strict form.
     *
     * @param pointer the JSON pointer of the schema in the full schema ({@code ""} for the root)
     * @param cause a short stable name of the cause, for counting, e.g. {@code open-map}, {@code tuple}
     * @param reason the explanation in words
     */
    record Problem(String pointer, String cause, String reason) {
        public Problem {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
