package dev.arbiter.steering.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.steering.constraint.internal.TypeSchemaGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes {@link ResponseSchema}s from JSON text, from files, and from Java records and classes. Every schema is
 * compiled once with the networknt validator (the draft named by {@code $schema}, 2020-12 when absent), so a schema
 * that verification could not use fails here, naming the problem.
 *
 * <p><b>Generated schemas</b> ({@link #forType(Class)}) follow how Jackson writes objects by default: record
 * components, or the non-static, non-transient fields of a class and its superclasses; primitives, their boxes,
 * {@code BigInteger} and {@code BigDecimal}; {@code String}; enums (by constant name); {@code UUID} ({@code uuid}),
 * {@code URI}/{@code URL} ({@code uri}), {@code LocalDate} ({@code date}), {@code OffsetDateTime},
 * {@code ZonedDateTime} and {@code Instant} ({@code date-time}), {@code OffsetTime} ({@code time}),
 * {@code Duration} ({@code duration}), {@code LocalDateTime} and {@code LocalTime} (by pattern); arrays,
 * {@code List}, {@code Set} (unique items) and other collections; {@code Map<String, V>} (an object with
 * {@code additionalProperties}); nested records and classes under {@code $defs}, recursion included. Every member
 * is required except {@code Optional}s and members annotated {@code @Nullable} (any annotation of that simple
 * name), which are also allowed to be null. Every object is closed ({@code additionalProperties: false}).
 * Unsupported, failing with an {@link IllegalArgumentException} that names the member: generic records or
 * classes, interfaces and abstract classes (including sealed hierarchies), {@code Object}, raw collections,
 * maps with non-{@code String} keys, other JDK types. Jackson annotations ({@code @JsonProperty} renames and the
 * like) are not read.
 *
 * <p>Thread-safe.
 */
public final class JsonSchemas {


    private JsonSchemas() {}

    /** Returns a response schema from JSON text. */
    public static ResponseSchema of(String name, String schemaJson) {
        ResponseSchema schema = ResponseSchema.of(name, schemaJson);
        compile(schema);
        return schema;
    }

    /** Returns a response schema read from a JSON file, named after the file (without extension). */
    public static ResponseSchema read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema file " + file, e);
        }
        String fileName = file.getFileName() == null ? "schema" : file.getFileName().toString();
        String name = fileName.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        if (name.isEmpty()) name = "schema";
        return of(name.length() > 64 ? name.substring(0, 64) : name, text);
    }

    /** Returns the response schema of a Java record or class, named after its simple name. */
    public static ResponseSchema forType(Class<?> type) {
        ResponseSchema schema = new ResponseSchema(type.getSimpleName().replaceAll("[^A-Za-z0-9_-]", "_"),
                TypeSchemaGenerator.generate(type));
        compile(schema);
        return schema;
    }

    private static void compile(ResponseSchema schema) {
        JsonNode node = schema.schema();
        SpecificationVersion version = SpecificationVersion.fromSchemaNode(node)
                .orElse(SpecificationVersion.DRAFT_2020_12);
        try {
            SchemaRegistry.withDefaultDialect(version).getSchema(node).initializeValidators();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("response schema '" + schema.name() + "' does not compile: "
                    + e.getMessage(), e);
        }
    }

}
