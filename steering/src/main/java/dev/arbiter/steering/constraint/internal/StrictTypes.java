package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-type part of the strict conversion, for a schema of one type (plus perhaps null): objects closed with
 * every property required, arrays with one item schema, strings and numbers with the keywords OpenAI enforces.
 * Thread-safe.
 */
final class StrictTypes {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> DONE = Set.of("type", "description", "enum", "const");

    private StrictTypes() {}

    static ObjectNode typed(ObjectNode w, String ptr, Set<String> types, OpenAiStrictConverter c) {
        String main = types.stream().filter(t -> !t.equals("null")).findFirst().orElse("null");
        ObjectNode o = F.objectNode();
        if (types.size() == 1) {
            o.put("type", main);
        } else {
            o.putArray("type").add(main).add("null");
        }
        for (String k : List.of("description", "enum", "const")) {
            if (w.has(k)) o.set(k, w.get(k));
        }
        List<String> keys = new ArrayList<>();
        w.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            if (DONE.contains(k)) continue;
            String kt = Keywords.typeOf(k);
            boolean applies = main.equals(kt) || ("number".equals(kt) && main.equals("integer"));
            if (kt == null) {
                c.relax(ptr, k, Kind.DROPPED, "'" + k + "' is not supported in strict mode");
            } else if (!applies) {
                c.relax(ptr, k, Kind.ANNOTATION_REMOVED, "'" + k + "' applies only to " + kt + "s; no effect on "
                        + main);
            }
        }
        switch (main) {
            case "object" -> object(w, o, ptr, c);
            case "array" -> array(w, o, ptr, c);
            case "string" -> string(w, o, ptr, c);
            case "number", "integer" -> number(w, o, ptr, c);
            default -> { }
        }
        return o;
    }

    private static void object(ObjectNode w, ObjectNode o, String ptr, OpenAiStrictConverter c) {
        ObjectNode props = o.putObject("properties");
        JsonNode declared = w.get("properties");
        if (declared != null && declared.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                String pp = OpenAiStrictConverter.child(OpenAiStrictConverter.child(ptr, "properties"), p.getKey());
                props.set(p.getKey(), c.schema(p.getValue(), pp, false, 0));
            }
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode req = w.get("required");
        if (req != null && req.isArray()) req.forEach(r -> required.add(r.asText()));
        JsonNode ap = w.get("additionalProperties");
        for (String r : required) {
            if (props.has(r)) continue;
            if (ap != null && ap.isObject()) {
                props.set(r, c.schema(ap, ptr + "/additionalProperties", false, 0));
                c.relax(ptr, "required", Kind.REWRITTEN, "required '" + r + "' declared with the additionalProperties schema");
            } else {
                c.problem(ptr, "required-undeclared", "'" + r + "' is required but has no schema of its own");
            }
        }
        close(w, ptr, !props.isEmpty(), c);
        ArrayNode all = o.putArray("required");
        for (String name : (Iterable<String>) props::fieldNames) {
            all.add(name);
            if (!required.contains(name)) {
                props.set(name, nullable((ObjectNode) props.get(name)));
                c.relax(OpenAiStrictConverter.child(OpenAiStrictConverter.child(ptr, "properties"), name), "required",
                        Kind.NULLABLE, "optional '" + name + "' is now required and may be null; null stands for absent");
            }
        }
        o.put("additionalProperties", false);
        counts(w, ptr, props.size(), c);
        if (w.has("propertyNames")) {
            c.relax(ptr, "propertyNames", Kind.ANNOTATION_REMOVED, "no effect once only declared properties exist");
        }
    }

    private static void close(ObjectNode w, String ptr, boolean hasProps, OpenAiStrictConverter c) {
        JsonNode ap = w.get("additionalProperties");
        JsonNode pp = w.get("patternProperties");
        JsonNode up = w.get("unevaluatedProperties");
        boolean patterns = pp != null && pp.isObject() && !pp.isEmpty();
        boolean apClosed = ap != null && ap.isBoolean() && !ap.booleanValue();
        boolean upClosed = up != null && up.isBoolean() && !up.booleanValue();
        if ((apClosed || (ap == null && upClosed)) && !patterns) {
            if (up != null) c.relax(ptr, "unevaluatedProperties", Kind.REWRITTEN, "written as additionalProperties: false");
            return;
        }
        if (!hasProps) {
            if (patterns) {
                c.problem(ptr, "patternProperties", "an object whose keys are only described by patterns");
            } else {
                c.problem(ptr, "open-map", ap != null && ap.isObject()
                        ? "a map with free keys (additionalProperties is a schema) and no declared properties"
                        : "an object with no declared properties that allows any keys");
            }
            return;
        }
        String keyword = patterns ? "patternProperties" : ap == null && up != null ? "unevaluatedProperties"
                : "additionalProperties";
        c.relax(ptr, keyword, Kind.NARROWED, "closed with additionalProperties: false; keys beyond the declared "
                + "properties, which the full schema allows, cannot be produced");
    }

    private static void counts(ObjectNode w, String ptr, int n, OpenAiStrictConverter c) {
        JsonNode min = w.get("minProperties");
        JsonNode max = w.get("maxProperties");
        if (min == null && max == null) return;
        boolean fits = (min == null || min.asLong() <= n) && (max == null || max.asLong() >= n);
        if (fits) {
            c.relax(ptr, min != null ? "minProperties" : "maxProperties", Kind.NARROWED,
                    "every object now has all " + n + " properties, within the allowed count");
        } else {
            c.problem(ptr, "property-count", "every strict object has all " + n
                    + " properties, outside minProperties/maxProperties");
        }
    }

    private static void array(ObjectNode w, ObjectNode o, String ptr, OpenAiStrictConverter c) {
        JsonNode items = w.get("items");
        if (w.has("prefixItems") || (items != null && items.isArray())) {
            c.problem(ptr, "tuple", "tuple arrays (prefixItems or a list of item schemas) are not supported");
            return;
        }
        if (items == null) {
            c.problem(ptr, "array-any-items", "an array without 'items' allows items of any type");
            return;
        }
        o.set("items", c.schema(items, ptr + "/items", false, 0));
        copy(w, o, "minItems", "maxItems");
        if (w.has("additionalItems")) {
            c.relax(ptr, "additionalItems", Kind.ANNOTATION_REMOVED, "no effect when items is one schema");
        }
        for (String k : List.of("uniqueItems", "contains", "minContains", "maxContains", "unevaluatedItems")) {
            if (!w.has(k)) continue;
            boolean noEffect = k.equals("uniqueItems") && !w.get(k).asBoolean();
            c.relax(ptr, k, noEffect ? Kind.ANNOTATION_REMOVED : Kind.DROPPED, noEffect ? "false has no effect"
                    : "'" + k + "' is not supported in strict mode; verification still checks it");
        }
    }

    private static void string(ObjectNode w, ObjectNode o, String ptr, OpenAiStrictConverter c) {
        copy(w, o, "pattern");
        JsonNode format = w.get("format");
        if (format != null) {
            if (Keywords.OPENAI_FORMATS.contains(format.asText())) {
                o.set("format", format);
            } else {
                c.relax(ptr, "format", Kind.DROPPED, "format '" + format.asText() + "' is not one OpenAI enforces");
            }
        }
        for (String k : List.of("minLength", "maxLength")) {
            if (w.has(k)) c.relax(ptr, k, Kind.DROPPED, "'" + k + "' is not supported in strict mode");
        }
    }

    private static void number(ObjectNode w, ObjectNode o, String ptr, OpenAiStrictConverter c) {
        copy(w, o, "minimum", "maximum", "multipleOf");
        exclusive(w, o, ptr, "exclusiveMinimum", "minimum", c);
        exclusive(w, o, ptr, "exclusiveMaximum", "maximum", c);
        if (w.has("format")) {
            c.relax(ptr, "format", Kind.DROPPED, "format '" + w.get("format").asText() + "' on a number is not "
                    + "accepted in strict mode");
        }
    }

    private static void exclusive(ObjectNode w, ObjectNode o, String ptr, String k, String bound,
            OpenAiStrictConverter c) {
        JsonNode v = w.get(k);
        if (v == null) return;
        if (v.isNumber()) {
            o.set(k, v);
        } else if (v.asBoolean() && w.has(bound)) {
            o.set(k, w.get(bound));
            o.remove(bound);
            c.relax(ptr, k, Kind.REWRITTEN, "draft-04 boolean " + k + " written as a number");
        } else {
            c.relax(ptr, k, Kind.ANNOTATION_REMOVED, "boolean " + k + " without effect");
        }
    }

    /** Returns the schema with null added as an alternative. */
    static ObjectNode nullable(ObjectNode s) {
        JsonNode type = s.get("type");
        if (type != null && !s.has("const") && !s.has("anyOf")) {
            Set<String> types = SchemaMerger.types(type);
            if (!types.contains("null")) {
                ArrayNode t = F.arrayNode();
                types.forEach(t::add);
                t.add("null");
                s.set("type", t);
            }
            JsonNode en = s.get("enum");
            if (en != null && en.isArray() && !containsNull(en)) ((ArrayNode) en).addNull();
            return s;
        }
        if (s.has("anyOf")) {
            for (JsonNode b : s.get("anyOf")) {
                if (b.path("type").asText("").equals("null")) return s;
            }
            ((ArrayNode) s.get("anyOf")).addObject().put("type", "null");
            return s;
        }
        ObjectNode wrapped = F.objectNode();
        wrapped.putArray("anyOf").add(s).addObject().put("type", "null");
        return wrapped;
    }

    private static boolean containsNull(JsonNode en) {
        for (JsonNode v : en) if (v.isNull()) return true;
        return false;
    }

    private static void copy(ObjectNode from, ObjectNode to, String... keys) {
        for (String k : keys) {
            if (from.has(k)) to.set(k, from.get(k));
        }
    }
}
