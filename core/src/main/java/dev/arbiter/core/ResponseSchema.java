package dev.arbiter.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.internal.Json;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The JSON Schema the response must follow, with the name providers require for it.
 *
 * <p>The schema is sent to the provider as its JSON-schema response format without dropping keywords; the
 * authority layer verifies the output against the same schema, whatever the provider enforced.
 *
 * <p>Immutable and thread-safe: the schema is copied on the way in and on the way out. Two response schemas
 * are equal when their names and the {@link CanonicalJson canonical forms} of their schemas are: key order
 * and the spelling of numbers ({@code 1} or {@code 1.0}) do not matter, as they do not for the request digest.
 *
 * @param name the schema's name: letters, digits, {@code _} and {@code -}, at most 64 characters
 * @param schema the JSON Schema (an object)
 */
public record ResponseSchema(String name, JsonNode schema) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ResponseSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("response schema name must match " + NAME + ", was '" + name + "'");
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException(
                    "response schema '" + name + "' must be a JSON object, was " + schema.getNodeType());
        }
        schema = schema.deepCopy();
    }

    /** Returns a response schema given as JSON text. */
    public static ResponseSchema of(String name, String schemaJson) {
        return new ResponseSchema(name, Json.parse(schemaJson, "response schema '" + name + "'"));
    }

    /** Returns a copy of the schema. */
    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseSchema r
                && name.equals(r.name)
                && CanonicalJson.write(schema).equals(CanonicalJson.write(r.schema));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, CanonicalJson.write(schema));
    }

    /** The {@code schema} itself, not a copy, for this package's readers that do not change it (the digests). */
    JsonNode tree() {
        return schema;
    }
}
