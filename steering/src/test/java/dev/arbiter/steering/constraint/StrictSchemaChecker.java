package dev.arbiter.steering.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An independent checker of OpenAI's strict-mode rules, written from the documentation without reusing the
 * converter's code: returns the violations of a schema, empty when it is strict.
 */
final class StrictSchemaChecker {

    private static final Set<String> KEYS = Set.of("type", "properties", "required", "additionalProperties", "items",
            "enum", "const", "anyOf", "$ref", "description", "pattern", "format", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
            "null");
    private static final Set<String> FORMATS = Set.of("date-time", "time", "date", "duration", "email", "hostname",
            "ipv4", "ipv6", "uuid");

    private final JsonNode root;
    private final List<String> violations = new ArrayList<>();
    private int properties;
    private int enumValues;

    private StrictSchemaChecker(JsonNode root) {
        this.root = root;
    }

    static List<String> violations(JsonNode schema) {
        StrictSchemaChecker c = new StrictSchemaChecker(schema);
        if (!schema.path("type").asText("").equals("object")) c.violations.add("root type is not 'object'");
        if (schema.has("anyOf")) c.violations.add("root uses anyOf");
        c.check(schema, "", true);
        JsonNode defs = schema.get("$defs");
        if (defs != null) defs.fields().forEachRemaining(e -> c.check(e.getValue(), "/$defs/" + e.getKey(), false));
        if (c.properties > 5000) c.violations.add("more than 5000 properties");
        if (c.enumValues > 1000) c.violations.add("more than 1000 enum values");
        return c.violations;
    }

    private void check(JsonNode s, String at, boolean isRoot) {
        if (!s.isObject()) {
            violations.add(at + ": schema is not an object");
            return;
        }
        for (String k : (Iterable<String>) s::fieldNames) {
            if (!KEYS.contains(k) && !(isRoot && k.equals("$defs"))) violations.add(at + ": keyword " + k);
        }
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (s.size() != 1) violations.add(at + ": keywords beside $ref");
            if (!ref.equals("#") && !(ref.startsWith("#/$defs/")
                    && root.path("$defs").has(ref.substring("#/$defs/".length())))) {
                violations.add(at + ": $ref " + ref + " does not resolve to #/$defs");
            }
            return;
        }
        if (s.has("anyOf")) {
            JsonNode branches = s.get("anyOf");
            if (!branches.isArray() || branches.isEmpty()) violations.add(at + ": empty anyOf");
            int i = 0;
            for (JsonNode b : branches) check(b, at + "/anyOf/" + i++, false);
            return;
        }
        Set<String> types = types(s.get("type"), at);
        if (s.has("enum")) enumValues += s.get("enum").size();
        if (types.contains("object")) object(s, at);
        if (types.contains("array")) {
            if (!s.has("items")) violations.add(at + ": array without items");
            else check(s.get("items"), at + "/items", false);
        }
        if (s.has("format") && !FORMATS.contains(s.get("format").asText())) {
            violations.add(at + ": format " + s.get("format"));
        }
        for (String k : List.of("exclusiveMinimum", "exclusiveMaximum")) {
            if (s.has(k) && !s.get(k).isNumber()) violations.add(at + ": boolean " + k);
        }
    }

    private void object(JsonNode s, String at) {
        JsonNode props = s.get("properties");
        if (props == null || !props.isObject()) {
            violations.add(at + ": object without properties");
            return;
        }
        properties += props.size();
        if (!s.path("additionalProperties").isBoolean() || s.get("additionalProperties").booleanValue()) {
            violations.add(at + ": additionalProperties is not false");
        }
        Set<String> names = new HashSet<>();
        props.fieldNames().forEachRemaining(names::add);
        Set<String> required = new HashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        if (!names.equals(required) || s.path("required").size() != names.size()) {
            violations.add(at + ": required " + required + " is not every property " + names);
        }
        props.fields().forEachRemaining(e -> check(e.getValue(), at + "/properties/" + e.getKey(), false));
    }

    private Set<String> types(JsonNode t, String at) {
        Set<String> out = new HashSet<>();
        if (t == null) {
            violations.add(at + ": no type");
            return out;
        }
        if (t.isTextual()) out.add(t.textValue());
        else t.forEach(x -> out.add(x.asText()));
        if (!TYPES.containsAll(out) || out.isEmpty()) violations.add(at + ": bad type " + t);
        Set<String> nonNull = new HashSet<>(out);
        nonNull.remove("null");
        if (nonNull.size() > 1) violations.add(at + ": more than one non-null type " + t);
        return out;
    }
}
