package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Works out the instance types of a schema: declared, taken from enum/const values, or inferred. Thread-safe. */
final class Types {

    private static final Set<String> NAMES = Set.of("object", "array", "string", "number", "integer", "boolean",
            "null");

    private Types() {}

    /** Returns the types; empty after recording a problem when there are none to give. */
    static Set<String> of(ObjectNode w, String ptr, OpenAiStrictConverter c) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode t = w.get("type");
        if (t != null) {
            List<JsonNode> listed = new ArrayList<>();
            if (t.isArray()) t.forEach(listed::add);
            else listed.add(t);
            for (JsonNode x : listed) {
                if (!x.isTextual() || !NAMES.contains(x.textValue())) {
                    c.problem(ptr, "bad-type", "unknown type " + x);
                    return Set.of();
                }
                types.add(x.textValue());
            }
        } else if (w.has("enum") || w.has("const")) {
            if (!fromValues(w, types, ptr, c)) return Set.of();
            c.relax(ptr, "type", Kind.REWRITTEN, "type " + types + " taken from the listed values");
        } else {
            w.fieldNames().forEachRemaining(k -> {
                String kt = Keywords.typeOf(k);
                if (kt != null) types.add(kt);
            });
            if (types.isEmpty()) {
                c.problem(ptr, "any-value", "the schema has no type and accepts any JSON value");
                return Set.of();
            }
            c.relax(ptr, "type", Kind.NARROWED, "no type given; only " + types
                    + " (the types its keywords constrain) can be produced");
        }
        if (types.contains("integer") && types.contains("number")) types.remove("integer");
        return types;
    }

    private static boolean fromValues(ObjectNode w, Set<String> types, String ptr, OpenAiStrictConverter c) {
        List<JsonNode> values = new ArrayList<>();
        if (w.has("const")) values.add(w.get("const"));
        if (w.has("enum") && w.get("enum").isArray()) w.get("enum").forEach(values::add);
        for (JsonNode v : values) {
            if (v.isTextual()) types.add("string");
            else if (v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
                types.add("integer");
            } else if (v.isNumber()) types.add("number");
            else if (v.isBoolean()) types.add("boolean");
            else if (v.isNull()) types.add("null");
            else {
                c.problem(ptr, "structured-enum", "enum or const with object or array values");
                return false;
            }
        }
        if (types.isEmpty()) {
            c.problem(ptr, "unsatisfiable", "an empty enum accepts nothing");
            return false;
        }
        return true;
    }
}
