package dev.arbiter.workflow;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.arbiter.core.JsonLimits;
import dev.arbiter.workflow.internal.BoundValues;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The type of an artifact that passes between steps, with its JSON form: checkpoints store artifacts as JSON,
 * and a {@link GovernedStep} reads its accepted output into this type.
 *
 * <p>{@link #text()} is the model's text as is; every other type is bound with Jackson (records work). Immutable
 * and thread-safe.
 *
 * @param <T> the artifact type
 */
public final class ArtifactType<T> {

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();
    private static final ArtifactType<String> TEXT = new ArtifactType<>(TypeFactory.defaultInstance()
            .constructType(String.class), true);

    private final JavaType type;
    private final boolean text;
    private final JsonLimits limits;

    private ArtifactType(JavaType type, boolean text) {
        this(type, text, JsonLimits.defaults());
    }

    private ArtifactType(JavaType type, boolean text, JsonLimits limits) {
        this.type = type;
        this.text = text;
        this.limits = limits;
    }

    /**
     * Returns a copy that reads model output within these limits (default {@link JsonLimits#defaults()}). Only
     * {@link #fromModelOutput} applies them: artifacts read back from checkpoints were already bound once.
     */
    public ArtifactType<T> withJsonLimits(JsonLimits jsonLimits) {
        return new ArtifactType<>(type, text, Objects.requireNonNull(jsonLimits, "jsonLimits"));
    }

    /** The model's text, unparsed; stored as a JSON string. */
    public static ArtifactType<String> text() {
        return TEXT;
    }

    /** A JSON-bound type, e.g. a record. */
    public static <T> ArtifactType<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new ArtifactType<>(TypeFactory.defaultInstance().constructType(type), false);
    }

    /** A list of a JSON-bound type, as fan-out produces. */
    public static <T> ArtifactType<List<T>> listOf(Class<T> element) {
        Objects.requireNonNull(element, "element");
        return new ArtifactType<>(TypeFactory.defaultInstance().constructCollectionType(List.class, element), false);
    }

    /** Writes {@code value} as JSON. */
    public String toJson(T value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write a " + type + " artifact as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a value written by {@link #toJson}. */
    public T fromJson(String json) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a " + type + " artifact from JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model's accepted output: the text itself for {@link #text()}, else the JSON it holds, within the
     * {@link JsonLimits} (a limit broken is named in the message). What binding would silently change is refused: a
     * number beyond the range of its Java type ({@code 1e400} as a {@code double} would be {@code Infinity}) and a
     * string with an unpaired UTF-16 surrogate (not Unicode: stored, hashed or checkpointed it would become another
     * value).
     *
     * @throws IllegalArgumentException when the text does not bind to this type, naming where and why
     */
    @SuppressWarnings("unchecked")
    public T fromModelOutput(String output) {
        if (text) {
            int at = BoundValues.unpairedSurrogate(output);
            if (at >= 0) {
                throw new IllegalArgumentException("the text has an unpaired UTF-16 surrogate at character " + at
                        + ", which is not Unicode and cannot be stored or hashed faithfully");
            }
            return (T) output;
        }
        Optional<String> tooLong = limits.checkLength(output);
        if (tooLong.isPresent()) {
            throw new IllegalArgumentException("cannot read a " + type + " artifact: " + tooLong.get());
        }
        T value;
        try {
            value = limits.applyTo(MAPPER).readValue(output, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a " + type + " artifact from JSON: "
                    + limits.limitBroken(e).orElse(e.getMessage()), e);
        }
        Optional<String> problem = BoundValues.problem(MAPPER.valueToTree(value));
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return value;
    }

    @Override
    public String toString() {
        return text ? "text" : type.toString();
    }
}
