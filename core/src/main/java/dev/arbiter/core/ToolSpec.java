package dev.arbiter.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.internal.Json;
import java.util.Objects;

/**
 * A tool offered to the model: its name, what it does, and the JSON Schema of its arguments.
 *
 * <p>Offering a tool lets the model propose calls to it; it never executes anything. Immutable and
 * thread-safe: the schema is copied on the way in and on the way out. Two specs are equal when their names,
 * descriptions and the {@link CanonicalJson canonical forms} of their schemas are: key order and the spelling
 * of numbers ({@code 1} or {@code 1.0}) do not matter, as they do not for the request digest.
 *
 * @param name the tool's name, unique within a request; not blank
 * @param description what the tool does, for the model
 * @param parameters the JSON Schema of the arguments object
 */
public record ToolSpec(String name, String description, JsonNode parameters) {

    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tool name must not be blank");
        }
        if (!parameters.isObject()) {
            throw new IllegalArgumentException(
                    "parameters of tool '" + name + "' must be a JSON Schema object, was " + parameters.getNodeType());
        }
        parameters = parameters.deepCopy();
    }

    /** Returns a tool spec whose parameter schema is given as JSON text. */
    public static ToolSpec of(String name, String description, String parametersSchemaJson) {
        return new ToolSpec(name, description, Json.parse(parametersSchemaJson, "parameters of tool '" + name + "'"));
    }

    /** Returns a copy of the parameter schema. */
    @Override
    public JsonNode parameters() {
        return parameters.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolSpec t
                && name.equals(t.name)
                && description.equals(t.description)
                && CanonicalJson.write(parameters).equals(CanonicalJson.write(t.parameters));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, CanonicalJson.write(parameters));
    }

    /** The {@code parameters} itself, not a copy, for this package's readers that do not change it (the digests). */
    JsonNode tree() {
        return parameters;
    }
}
