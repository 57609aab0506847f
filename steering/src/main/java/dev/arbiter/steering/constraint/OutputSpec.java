package dev.arbiter.steering.constraint;

import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the answer of a step must look like and what the step may spend: the response schema, the citation rule,
 * the {@link Budget}, the {@link StopConditions} and the tools offered to the model.
 *
 * <p>With a citation rule and no schema, the response schema is the citation shape
 * ({@link CitationRule#outputSchema()}); with both, the schema must declare the {@code claims} property that
 * carries the citations. Use {@link #responseSchema()} for the schema in effect.
 *
 * <pre>{@code
 * OutputSpec spec = OutputSpec.builder()
 *         .schema(JsonSchemas.forType(Invoice.class))
 *         .budget(Budget.builder().attempts(3).build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class OutputSpec {

    private final @Nullable ResponseSchema schema;
    private final @Nullable CitationRule citations;
    private final Budget budget;
    private final StopConditions stop;
    private final List<ToolSpec> tools;

    private OutputSpec(Builder b) {
        this.schema = b.schema;
        this.citations = b.citations;
        this.budget = b.budget;
        this.stop = b.stop;
        this.tools = List.copyOf(b.tools);
    }

    /** Returns a builder: free text, no citations, unlimited budget, no stop conditions, no tools. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the schema given to the builder, if any. */
    public Optional<ResponseSchema> schema() {
        return Optional.ofNullable(schema);
    }

    /** Returns the schema in effect: the given schema, else the citation shape when citations are required. */
    public Optional<ResponseSchema> responseSchema() {
        if (schema != null) return Optional.of(schema);
        return citations == null ? Optional.empty() : Optional.of(citations.outputSchema());
    }

    /** Returns the citation rule, if claims must cite evidence. */
    public Optional<CitationRule> citations() {
        return Optional.ofNullable(citations);
    }

    /** Returns the budget. */
    public Budget budget() {
        return budget;
    }

    /** Returns the stop conditions. */
    public StopConditions stopConditions() {
        return stop;
    }

    /** Returns the tools offered to the model, in order. */
    public List<ToolSpec> tools() {
        return tools;
    }

    /** Returns a builder holding this spec's parts. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schema = schema;
        b.citations = citations;
        b.budget = budget;
        b.stop = stop;
        b.tools.addAll(tools);
        return b;
    }

    @Override
    public String toString() {
        return "OutputSpec[schema=" + (schema == null ? "none" : schema.name()) + ", citations=" + citations
                + ", budget=" + budget + ", stop=" + stop + ", tools="
                + tools.stream().map(ToolSpec::name).toList() + "]";
    }

    /** Builds an {@link OutputSpec}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private @Nullable ResponseSchema schema;
        private @Nullable CitationRule citations;
        private Budget budget = Budget.unlimited();
        private StopConditions stop = StopConditions.none();
        private final List<ToolSpec> tools = new ArrayList<>();

        private Builder() {}

        /** Sets the response schema (see {@link JsonSchemas} for ways to make one). */
        public Builder schema(ResponseSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Requires claims to cite evidence. */
        public Builder citations(CitationRule citations) {
            this.citations = Objects.requireNonNull(citations, "citations");
            return this;
        }

        /** Sets the budget. */
        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Sets the stop conditions. */
        public Builder stopConditions(StopConditions stop) {
            this.stop = Objects.requireNonNull(stop, "stop");
            return this;
        }

        /** Offers a tool; its name must differ from the tools offered before. */
        public Builder tool(ToolSpec tool) {
            Objects.requireNonNull(tool, "tool");
            if (tools.stream().anyMatch(t -> t.name().equals(tool.name()))) {
                throw new IllegalArgumentException("tool '" + tool.name() + "' is offered twice");
            }
            tools.add(tool);
            return this;
        }

        /**
         * Returns the spec.
         *
         * @throws IllegalArgumentException when citations are required and the schema has no {@code claims} property
         */
        public OutputSpec build() {
            if (citations != null && schema != null && !schema.schema().path("properties").has("claims")) {
                throw new IllegalArgumentException("response schema '" + schema.name() + "' must declare the "
                        + "'claims' property when citations are required (see CitationRule)");
            }
            return new OutputSpec(this);
        }
    }
}
