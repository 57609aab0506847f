package dev.arbiter.steering.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.steering.constraint.internal.OpenAiStrictConverter;
import java.util.Objects;

/**
 * Converts full JSON Schemas into the forms providers enforce natively.
 *
 * <p><b>OpenAI structured outputs, {@code strict: true}.</b> The rules applied are those OpenAI documents in its
 * Structured Outputs guide ("Supported schemas"): the root is an object and not {@code anyOf}; every object has
 * {@code additionalProperties: false} and lists all its properties in {@code required} (an optional property is
 * emulated by a union with {@code null}); the keywords are {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code enum}, {@code const}, {@code anyOf}, {@code $ref} (to
 * {@code #} or {@code #/$defs/…}), {@code $defs}, {@code description}; for strings {@code pattern} and
 * {@code format} (date-time, time, date, duration, email, hostname, ipv4, ipv6, uuid); for numbers
 * {@code multipleOf}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}; for
 * arrays {@code minItems}, {@code maxItems}. Not supported: {@code allOf}, {@code not}, {@code if}/{@code then}/
 * {@code else}, {@code dependentRequired}, {@code dependentSchemas}. Limits: at most 5000 object properties and 10
 * levels of nesting, at most 1000 enum values, at most 120,000 characters of names and enum/const values, at
 * most 15,000 characters in one string enum of more than 250 values. Recursive schemas are supported.
 *
 * <p>What is relaxed (each change is a {@link ProviderSchema.Relaxation} with its JSON pointer): annotations and
 * unknown keywords are removed; {@code allOf} is merged when the merge is exact; {@code oneOf} becomes
 * {@code anyOf} (lossless when the branches are disjoint by type or by listed values); keywords beside
 * {@code anyOf} move into each branch; type lists become {@code anyOf}; {@code $ref}s to other local pointers are
 * hoisted into {@code $defs}; draft-04 boolean exclusive bounds become numbers; unsupported validation keywords
 * ({@code minLength}, {@code maxLength}, {@code uniqueItems}, {@code contains}, {@code not}, {@code if}, other
 * formats, …) are dropped; optional properties become required and nullable; objects that declare properties but
 * allow more keys are closed (narrower: the extra keys cannot be produced).
 *
 * <p>What falls back (plain JSON response format, schema in the instructions): a root that is not an object or is
 * a union; maps with no declared properties (free keys, {@code patternProperties}); arrays without {@code items}
 * or with tuple items; schemas that accept any value; remote or dynamic {@code $ref}s; {@code allOf} that cannot be
 * merged exactly; required properties without a schema; the size limits above.
 *
 * <p>Thread-safe; the input is not modified.
 */
public final class ProviderSchemas {

    private ProviderSchemas() {}

    /** Returns the OpenAI strict form of a JSON Schema, or a fallback saying why there is none. */
    public static ProviderSchema toOpenAiStrict(JsonNode schema) {
        return OpenAiStrictConverter.convert(Objects.requireNonNull(schema, "schema"));
    }

    /** Returns the OpenAI strict form of a response schema, or a fallback saying why there is none. */
    public static ProviderSchema toOpenAiStrict(ResponseSchema schema) {
        return toOpenAiStrict(schema.schema());
    }
}
