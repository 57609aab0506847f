package dev.arbiter.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.Digests;
import dev.arbiter.eval.internal.GoldenSetReader;
import dev.arbiter.eval.internal.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A named, versioned list of {@link GoldenCase}s: what a subject is evaluated on.
 *
 * <p>Made in code ({@link #of}, {@link #builder}) or loaded from a file ({@link #load}): JSON Lines
 * ({@code .jsonl}) or YAML ({@code .yaml}, {@code .yml}). The file formats are documented in {@code docs/eval.md}:
 *
 * <pre>
 * {"goldenSet": {"name": "invoices", "version": "3"}}          (optional first line)
 * {"id": "inv-001", "input": "...", "expected": {"total": 42.5}, "tags": ["simple"]}
 * </pre>
 *
 * <p>A file that is not valid fails with an {@link IllegalArgumentException} naming the file, the line and the
 * reason: bad JSON or YAML, a missing or blank id, a duplicate id, an unknown member, tags that are not strings.
 * A file without a version gets {@code sha256:} and the first 12 hex digits of its content's digest, so an edit
 * is never mistaken for the same set.
 *
 * <p>{@link #digest()} is the SHA-256 of the canonical JSON of all cases (when they convert to JSON): scorecards
 * record it, so two runs on different content are told apart even under one version.
 *
 * <p>Immutable and thread-safe if the case values are.
 *
 * <pre>{@code
 * GoldenSet<JsonNode, JsonNode> set = GoldenSet.load(Path.of("src/test/resources/invoices.jsonl"));
 * GoldenSet<String, String> inCode = GoldenSet.<String, String>builder("greetings", "1")
 *         .add("hello", "Say hello", "Hello!")
 *         .build();
 * }</pre>
 *
 * @param <I> the input type
 * @param <E> the expected type
 */
public final class GoldenSet<I, E> {

    private final String name;
    private final String version;
    private final List<GoldenCase<I, E>> cases;
    private volatile @Nullable String digest;

    private GoldenSet(String name, String version, List<GoldenCase<I, E>> cases) {
        this.name = requireText(name, "name");
        this.version = requireText(version, "version");
        this.cases = List.copyOf(cases);
        if (this.cases.isEmpty()) {
            throw new IllegalArgumentException("golden set '" + name + "' has no cases");
        }
        Set<String> ids = new HashSet<>();
        for (GoldenCase<I, E> c : this.cases) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("golden set '" + name + "' has two cases with id '" + c.id() + "'");
            }
        }
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a golden set " + what + " must not be blank");
        }
        return value;
    }

    /**
     * Returns a set of the cases.
     *
     * @throws IllegalArgumentException if there are no cases, two share an id, or the name or version is blank
     */
    public static <I, E> GoldenSet<I, E> of(String name, String version, List<GoldenCase<I, E>> cases) {
        return new GoldenSet<>(name, version, cases);
    }

    /** Returns a builder for a set made in code. */
    public static <I, E> Builder<I, E> builder(String name, String version) {
        return new Builder<>(name, version);
    }

    /**
     * Loads a set from a JSON Lines or YAML file; inputs and expectations are JSON trees.
     *
     * @throws IllegalArgumentException naming the file, the line and the reason when the file is not valid
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static GoldenSet<JsonNode, JsonNode> load(Path file) {
        return GoldenSetReader.read(file);
    }

    /**
     * Loads a set from a file and converts each input and expectation with Jackson to the given types.
     *
     * @throws IllegalArgumentException naming the file, the case and the reason when a value does not convert
     */
    public static <I, E> GoldenSet<I, E> load(Path file, Class<I> inputType, Class<E> expectedType) {
        GoldenSet<JsonNode, JsonNode> raw = load(file);
        List<GoldenCase<I, E>> out = new ArrayList<>();
        for (GoldenCase<JsonNode, JsonNode> c : raw.cases()) {
            out.add(new GoldenCase<>(c.id(), convert(file, c.id(), "input", c.input(), inputType),
                    convert(file, c.id(), "expected", c.expected(), expectedType), c.tags()));
        }
        return new GoldenSet<>(raw.name(), raw.version(), out);
    }

    private static <T> T convert(Path file, String id, String what, JsonNode value, Class<T> type) {
        try {
            T converted = Json.MAPPER.convertValue(value, type);
            if (converted == null) {
                throw new IllegalArgumentException("it is null");
            }
            return converted;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": case '" + id + "': " + what + " does not convert to "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Returns a set of the same cases with inputs and expectations converted by the functions. */
    public <I2, E2> GoldenSet<I2, E2> map(Function<? super I, ? extends I2> input,
            Function<? super E, ? extends E2> expected) {
        List<GoldenCase<I2, E2>> out = new ArrayList<>();
        for (GoldenCase<I, E> c : cases) {
            out.add(new GoldenCase<>(c.id(), input.apply(c.input()), expected.apply(c.expected()), c.tags()));
        }
        return new GoldenSet<>(name, version, out);
    }

    /** Returns the subset of cases that carry the tag, under the same name and version plus {@code #tag}. */
    public GoldenSet<I, E> withTag(String tag) {
        return new GoldenSet<>(name, version + "#" + tag,
                cases.stream().filter(c -> c.tags().contains(tag)).toList());
    }

    /** The set's name. */
    public String name() {
        return name;
    }

    /** The set's version. */
    public String version() {
        return version;
    }

    /** The cases, in order. */
    public List<GoldenCase<I, E>> cases() {
        return cases;
    }

    /** Returns the case with the id. */
    public Optional<GoldenCase<I, E>> find(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Returns the number of cases. */
    public int size() {
        return cases.size();
    }

    /**
     * Returns the SHA-256 of the canonical JSON of the cases (id, input, expected, tags), or an empty string when
     * a value does not convert to JSON.
     */
    public String digest() {
        String d = digest;
        if (d == null) {
            try {
                d = Digests.sha256Hex(CanonicalJson.write(Json.MAPPER.valueToTree(cases)));
            } catch (IllegalArgumentException e) {
                d = "";
            }
            digest = d;
        }
        return d;
    }

    @Override
    public String toString() {
        return "GoldenSet{" + name + "@" + version + ", " + cases.size() + " cases}";
    }

    /**
     * Builds a {@link GoldenSet} in code. Not thread-safe; {@link #build()} copies.
     *
     * @param <I> the input type
     * @param <E> the expected type
     */
    public static final class Builder<I, E> {
        private final String name;
        private final String version;
        private final List<GoldenCase<I, E>> cases = new ArrayList<>();

        private Builder(String name, String version) {
            this.name = Objects.requireNonNull(name, "name");
            this.version = Objects.requireNonNull(version, "version");
        }

        /** Adds a case. */
        public Builder<I, E> add(GoldenCase<I, E> goldenCase) {
            cases.add(Objects.requireNonNull(goldenCase, "goldenCase"));
            return this;
        }

        /** Adds a case of the id, input, expectation and tags. */
        public Builder<I, E> add(String id, I input, E expected, String... tags) {
            return add(GoldenCase.of(id, input, expected, tags));
        }

        /**
         * Builds the set.
         *
         * @throws IllegalArgumentException if there are no cases or two share an id
         */
        public GoldenSet<I, E> build() {
            return new GoldenSet<>(name, version, cases);
        }
    }
}
