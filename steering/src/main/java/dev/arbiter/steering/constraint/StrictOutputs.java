package dev.arbiter.steering.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Undoes, in an output, what OpenAI's strict mode forced on it: strict mode makes every property required, so
 * {@link ProviderSchemas#toOpenAiStrict the conversion} turns an optional property into a required one that may
 * be {@code null} ({@link ProviderSchema.Relaxation.Kind#NULLABLE}), and a model answering under the strict schema
 * sends {@code null} for "absent". Verification checks the full schema, which does not allow that null, so the
 * nulls are removed first.
 *
 * <p>A member is removed only when its value is {@code null}, the full schema does not require it, and its schema
 * in the full schema does not allow {@code null}; everything else is left as it is, so a null the full schema
 * forbids for a required member still fails verification. Local {@code $ref}s, {@code allOf}, {@code anyOf} /
 * {@code oneOf} (the first branch of the value's JSON type), {@code items} and {@code additionalProperties}
 * schemas are followed. Stateless and thread-safe.
 *
 * <pre>{@code
 * JsonNode answer = Json.parse(generation.text());
 * JsonNode toVerify = StrictOutputs.restoreAbsent(fullSchema.schema(), answer);
 * }</pre>
 */
public final class StrictOutputs {

    private static final int MAX_DEPTH = 64;

    private StrictOutputs() {}

    /** Returns a copy of the output without the nulls that stand for absent optional properties. */
    public static JsonNode restoreAbsent(JsonNode fullSchema, JsonNode output) {
        Objects.requireNonNull(fullSchema, "fullSchema");
        JsonNode copy = Objects.requireNonNull(output, "output").deepCopy();
        restore(fullSchema, fullSchema, copy, 0);
        return copy;
    }

    private static void restore(JsonNode root, @Nullable JsonNode schema, JsonNode node, int depth) {
        if (depth > MAX_DEPTH || schema == null || !schema.isObject()) {
            return;
        }
        List<JsonNode> schemas = flatten(root, schema, node, depth);
        if (node instanceof ObjectNode object) {
            restoreObject(root, schemas, object, depth);
        } else if (node instanceof ArrayNode array) {
            for (JsonNode s : schemas) {
                JsonNode items = s.get("items");
                if (items != null && items.isObject()) {
                    array.forEach(element -> restore(root, items, element, depth + 1));
                }
            }
        }
    }

    private static void restoreObject(JsonNode root, List<JsonNode> schemas, ObjectNode object, int depth) {
        Set<String> required = new HashSet<>();
        schemas.forEach(s -> s.path("required").forEach(r -> required.add(r.asText())));
        List<String> absent = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            JsonNode memberSchema = memberSchema(schemas, member.getKey());
            if (member.getValue().isNull()) {
                if (memberSchema != null && !required.contains(member.getKey()) && !allowsNull(root, memberSchema, depth)) {
                    absent.add(member.getKey());
                }
            } else if (memberSchema != null) {
                restore(root, memberSchema, member.getValue(), depth + 1);
            }
        }
        absent.forEach(object::remove);
    }

    private static @Nullable JsonNode memberSchema(List<JsonNode> schemas, String name) {
        for (JsonNode s : schemas) {
            JsonNode p = s.path("properties").get(name);
            if (p != null) return p;
        }
        for (JsonNode s : schemas) {
            JsonNode extra = s.get("additionalProperties");
            if (extra != null && extra.isObject()) return extra;
        }
        return null;
    }

    /** The schema itself, its resolved $ref, its allOf branches and the anyOf/oneOf branch that fits the value. */
    private static List<JsonNode> flatten(JsonNode root, @Nullable JsonNode schema, JsonNode node, int depth) {
        List<JsonNode> out = new ArrayList<>();
        if (depth > MAX_DEPTH || schema == null || !schema.isObject()) {
            return out;
        }
        out.add(schema);
        JsonNode ref = resolve(root, schema);
        if (ref != schema) out.addAll(flatten(root, ref, node, depth + 1));
        schema.path("allOf").forEach(branch -> out.addAll(flatten(root, branch, node, depth + 1)));
        for (String union : new String[] {"anyOf", "oneOf"}) {
            for (JsonNode branch : schema.path(union)) {
                JsonNode resolved = resolve(root, branch);
                if (fits(resolved, node)) {
                    out.addAll(flatten(root, branch, node, depth + 1));
                    break;
                }
            }
        }
        return out;
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null || !ref.isTextual() || !ref.asText().startsWith("#")) {
            return schema;
        }
        JsonNode target = root.at(ref.asText().substring(1));
        return target.isMissingNode() ? schema : target;
    }

    private static boolean fits(JsonNode schema, JsonNode node) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return node.isObject() ? schema.has("properties") : !schema.has("properties");
        }
        String want = node.isObject() ? "object" : node.isArray() ? "array" : node.isTextual() ? "string"
                : node.isBoolean() ? "boolean" : node.isIntegralNumber() ? "integer" : node.isNumber() ? "number" : "null";
        for (JsonNode t : type.isArray() ? type : List.of(type)) {
            if (t.asText().equals(want) || (want.equals("integer") && t.asText().equals("number"))) return true;
        }
        return false;
    }

    private static boolean allowsNull(JsonNode root, JsonNode schema, int depth) {
        if (depth > MAX_DEPTH || !schema.isObject()) {
            return schema.isBoolean() && schema.asBoolean();
        }
        JsonNode resolved = resolve(root, schema);
        if (resolved != schema) return allowsNull(root, resolved, depth + 1);
        for (JsonNode branch : schema.path("allOf")) {
            if (!allowsNull(root, branch, depth + 1)) return false;
        }
        JsonNode type = schema.get("type");
        if (type == null && !schema.has("enum") && !schema.has("const") && !schema.has("anyOf") && !schema.has("oneOf")) {
            return true;
        }
        if (type != null && (type.asText().equals("null") || (type.isArray() && contains(type, "null")))) return true;
        if (schema.has("const") && schema.get("const").isNull()) return true;
        for (JsonNode e : schema.path("enum")) {
            if (e.isNull()) return true;
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            for (JsonNode branch : schema.path(union)) {
                if (allowsNull(root, branch, depth + 1)) return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) return true;
        }
        return false;
    }
}
