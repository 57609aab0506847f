package dev.arbiter.eval;

import dev.arbiter.core.Evidence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * What to evaluate: a golden set, a subject with its id, the metrics, and what the run should record about the
 * subject (model ids and contract fingerprints).
 *
 * <p>Immutable and thread-safe if its parts are. Build with {@link #builder}.
 *
 * <pre>{@code
 * EvalSuite<JsonNode, JsonNode, String> suite = EvalSuite.builder(goldenSet, subject)
 *         .subjectId("invoice-extractor@prompt-v7")
 *         .modelId("gpt-4o-mini-2024-07-18")
 *         .contract("invoice-extraction", contract.fingerprint())
 *         .metric("valid", Scorers.schemaValid(schema))
 *         .metric("fields", Scorers.jsonFields(FieldMatch.at("/total").within(0.01), FieldMatch.at("/currency")))
 *         .build();
 * }</pre>
 *
 * @param <I> the input type
 * @param <E> the expected type
 * @param <O> the output type
 */
public final class EvalSuite<I, E, O> {

    private final String name;
    private final GoldenSet<I, E> goldenSet;
    private final EvalSubject<I, O> subject;
    private final String subjectId;
    private final List<Metric> metrics;
    private final List<String> modelIds;
    private final Map<String, String> contracts;
    private final BiFunction<GoldenCase<I, E>, O, Evidence> evidence;

    private EvalSuite(Builder<I, E, O> b) {
        this.goldenSet = b.goldenSet;
        this.subject = b.subject;
        this.name = b.name == null ? goldenSet.name() : b.name;
        this.subjectId = Objects.requireNonNull(b.subjectId, "the suite needs a subjectId");
        if (subjectId.isBlank()) {
            throw new IllegalArgumentException("the subject id must not be blank");
        }
        this.metrics = List.copyOf(b.metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("suite '" + name + "' has no metrics");
        }
        Set<String> names = new HashSet<>();
        for (Metric m : metrics) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("suite '" + name + "' has two metrics named '" + m.name() + "'");
            }
        }
        this.modelIds = List.copyOf(b.modelIds);
        this.contracts = Map.copyOf(b.contracts);
        this.evidence = b.evidence;
    }

    /** Returns a builder for a suite evaluating the subject on the golden set. */
    public static <I, E, O> Builder<I, E, O> builder(GoldenSet<I, E> goldenSet, EvalSubject<I, O> subject) {
        return new Builder<>(goldenSet, subject);
    }

    /** The suite's name; the golden set's name unless set. */
    public String name() {
        return name;
    }

    /** The golden set. */
    public GoldenSet<I, E> goldenSet() {
        return goldenSet;
    }

    /** The subject. */
    public EvalSubject<I, O> subject() {
        return subject;
    }

    /** The subject's id. */
    public String subjectId() {
        return subjectId;
    }

    /** The metrics, in order. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** The model ids declared for the subject. */
    public List<String> modelIds() {
        return modelIds;
    }

    /** Contract fingerprints by contract id. */
    public Map<String, String> contracts() {
        return contracts;
    }

    /** Returns the evidence the subject worked from for an output, for scorers that check against it. */
    public Evidence evidenceFor(GoldenCase<I, E> goldenCase, O output) {
        return Objects.requireNonNull(evidence.apply(goldenCase, output), "evidence function returned null");
    }

    /**
     * Builds an {@link EvalSuite}. Not thread-safe; {@link #build()} copies.
     *
     * @param <I> the input type
     * @param <E> the expected type
     * @param <O> the output type
     */
    public static final class Builder<I, E, O> {
        private final GoldenSet<I, E> goldenSet;
        private final EvalSubject<I, O> subject;
        private @Nullable String name;
        private @Nullable String subjectId;
        private final List<Metric> metrics = new ArrayList<>();
        private final List<String> modelIds = new ArrayList<>();
        private final Map<String, String> contracts = new TreeMap<>();
        private BiFunction<GoldenCase<I, E>, O, Evidence> evidence = (c, o) -> Evidence.empty();

        private Builder(GoldenSet<I, E> goldenSet, EvalSubject<I, O> subject) {
            this.goldenSet = Objects.requireNonNull(goldenSet, "goldenSet");
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        /** Names the suite; the golden set's name by default. */
        public Builder<I, E, O> name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Sets the subject's id, recorded in every scorecard: required. */
        public Builder<I, E, O> subjectId(String subjectId) {
            this.subjectId = Objects.requireNonNull(subjectId, "subjectId");
            return this;
        }

        /** Adds a metric. */
        public Builder<I, E, O> metric(String name, Scorer scorer) {
            metrics.add(Metric.of(name, scorer));
            return this;
        }

        /** Adds a metric. */
        public Builder<I, E, O> metric(Metric metric) {
            metrics.add(Objects.requireNonNull(metric, "metric"));
            return this;
        }

        /** Declares a model id the subject uses; ids the generations report are recorded as well. */
        public Builder<I, E, O> modelId(String modelId) {
            modelIds.add(Objects.requireNonNull(modelId, "modelId"));
            return this;
        }

        /** Records a contract's fingerprint. */
        public Builder<I, E, O> contract(String contractId, String fingerprint) {
            contracts.put(Objects.requireNonNull(contractId, "contractId"),
                    Objects.requireNonNull(fingerprint, "fingerprint"));
            return this;
        }

        /** Sets how to find the evidence an output was made from; none by default. */
        public Builder<I, E, O> evidence(BiFunction<GoldenCase<I, E>, O, Evidence> evidence) {
            this.evidence = Objects.requireNonNull(evidence, "evidence");
            return this;
        }

        /**
         * Builds the suite.
         *
         * @throws NullPointerException if no subject id was set
         * @throws IllegalArgumentException if there are no metrics or two share a name
         */
        public EvalSuite<I, E, O> build() {
            return new EvalSuite<>(this);
        }
    }
}
