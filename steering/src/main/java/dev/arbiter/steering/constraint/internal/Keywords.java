package dev.arbiter.steering.constraint.internal;

import java.util.Set;

/** Tables of JSON Schema keywords (drafts 4 to 2020-12) by what they apply to. Thread-safe. */
final class Keywords {

    private Keywords() {}

    /** Keywords that never change which instances are valid. */
    static final Set<String> ANNOTATIONS = Set.of("title", "default", "examples", "example", "$comment", "$schema",
            "$id", "id", "readOnly", "writeOnly", "deprecated", "contentMediaType", "contentEncoding",
            "contentSchema", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary");

    static final Set<String> OBJECT = Set.of("properties", "required", "additionalProperties", "patternProperties",
            "unevaluatedProperties", "propertyNames", "minProperties", "maxProperties", "dependencies",
            "dependentRequired", "dependentSchemas");
    static final Set<String> ARRAY = Set.of("items", "prefixItems", "additionalItems", "unevaluatedItems",
            "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains");
    static final Set<String> STRING = Set.of("pattern", "minLength", "maxLength", "format");
    static final Set<String> NUMBER = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "multipleOf");
    static final Set<String> GENERAL = Set.of("type", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if",
            "then", "else", "$ref", "$defs", "definitions", "description", "$dynamicRef", "$recursiveRef");

    /** The string formats OpenAI strict mode accepts. */
    static final Set<String> OPENAI_FORMATS = Set.of("date-time", "time", "date", "duration", "email", "hostname",
            "ipv4", "ipv6", "uuid");

    /** Returns whether the keyword belongs to some JSON Schema draft's validation or applicator vocabulary. */
    static boolean known(String keyword) {
        return OBJECT.contains(keyword) || ARRAY.contains(keyword) || STRING.contains(keyword)
                || NUMBER.contains(keyword) || GENERAL.contains(keyword) || ANNOTATIONS.contains(keyword);
    }

    /** Returns the instance type a type-specific keyword applies to, or null for general keywords. */
    static String typeOf(String keyword) {
        if (OBJECT.contains(keyword)) return "object";
        if (ARRAY.contains(keyword)) return "array";
        if (STRING.contains(keyword)) return "string";
        if (NUMBER.contains(keyword)) return "number";
        return null;
    }
}
