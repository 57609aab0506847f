package dev.arbiter.authority.permission.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.internal.SchemaCompiler;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A compiled JSON Schema over tool arguments, built with the same networknt configuration as the JSON Schema
 * verifier ({@link SchemaCompiler}: bundled meta-schemas only, bounded patterns, draft 2020-12 by default).
 * Immutable and thread-safe.
 */
public final class SchemaCheck {

    private static final SchemaCompiler COMPILER =
            new SchemaCompiler(JsonSchemaVerifier.Draft.DRAFT_2020_12, JsonSchemaVerifier.FormatAssertions.ALWAYS);
    private static final int MAX_ERRORS = 5;

    private final SchemaCompiler.Usable compiled;

    private SchemaCheck(SchemaCompiler.Usable compiled) {
        this.compiled = compiled;
    }

    /**
     * Compiles the schema.
     *
     * @throws IllegalArgumentException naming {@code what} if the schema cannot be used
     */
    public static SchemaCheck compile(JsonNode schema, String what) {
        SchemaCompiler.Compiled c = COMPILER.compile(schema);
        if (c instanceof SchemaCompiler.Unusable) {
            throw new IllegalArgumentException("the schema of " + what + " cannot be used: "
                    + ((SchemaCompiler.Unusable) c).reason());
        }
        return new SchemaCheck((SchemaCompiler.Usable) c);
    }

    /** Returns what is wrong with the value, or empty when it conforms; a schema that throws is a problem too. */
    public Optional<String> problems(JsonNode value) {
        List<Error> errors;
        try {
            errors = compiled.schema().validate(value);
        } catch (RuntimeException e) {
            return Optional.of("the schema could not be evaluated: " + e.getMessage());
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        String text = errors.stream().limit(MAX_ERRORS)
                .map(e -> (e.getInstanceLocation() == null ? "" : e.getInstanceLocation() + ": ") + e.getMessage())
                .collect(Collectors.joining("; "));
        return Optional.of(errors.size() > MAX_ERRORS ? text + "; and " + (errors.size() - MAX_ERRORS) + " more" : text);
    }
}
