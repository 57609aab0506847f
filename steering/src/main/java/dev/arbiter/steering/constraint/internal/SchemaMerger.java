package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges the parts of an {@code allOf} (their {@code $ref}s already inlined) into one equivalent schema, or says
 * why it cannot. The merge is exact: it succeeds only where the merged schema accepts exactly the instances all
 * parts accept. Not thread-safe: one instance per merge.
 */
final class SchemaMerger {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> LOWER_BOUNDS = Set.of("minimum", "minLength", "minItems", "minProperties",
            "minContains");
    private static final Set<String> UPPER_BOUNDS = Set.of("maximum", "maxLength", "maxItems", "maxProperties",
            "maxContains");

    /** The outcome of a merge. */
    sealed interface Result permits Merged, Conflict {}

    /** The merged schema; {@code unsatisfiable} when no instance can satisfy every part. */
    record Merged(ObjectNode schema, boolean unsatisfiable) implements Result {}

    /** The parts cannot be merged exactly. */
    record Conflict(String keyword, String reason) implements Result {}

    private SchemaMerger() {}

    static Result merge(List<ObjectNode> parts) {
        Result closed = closedObjects(parts);
        if (closed != null) return closed;
        ObjectNode out = F.objectNode();
        boolean unsatisfiable = false;
        for (ObjectNode part : parts) {
            for (Iterator<Map.Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                JsonNode v = e.getValue();
                JsonNode have = out.get(k);
                if (k.equals("$defs") || k.equals("definitions")) continue;
                if (have == null) {
                    out.set(k, v.deepCopy());
                    continue;
                }
                if (have.equals(v) || Keywords.ANNOTATIONS.contains(k) || k.equals("description")) continue;
                Conflict c = combine(out, k, have, v);
                if (c != null) {
                    if (c.keyword().equals("unsatisfiable")) {
                        unsatisfiable = true;
                    } else {
                        return c;
                    }
                }
            }
        }
        return new Merged(out, unsatisfiable);
    }

    /** Returns a conflict when a part closes its object while another part declares properties it lacks. */
    private static @Nullable Conflict closedObjects(List<ObjectNode> parts) {
        for (ObjectNode p : parts) {
            JsonNode ap = p.get("additionalProperties");
            boolean closes = (ap != null && !(ap.isBoolean() && ap.booleanValue())) || p.has("unevaluatedProperties")
                    || p.has("patternProperties");
            if (!closes) continue;
            Set<String> own = names(p.get("properties"));
            for (ObjectNode other : parts) {
                if (other == p) continue;
                for (String n : names(other.get("properties"))) {
                    if (!own.contains(n)) {
                        return new Conflict("additionalProperties", "one part of allOf restricts additional "
                                + "properties while another declares '" + n + "'");
                    }
                }
            }
        }
        return null;
    }

    private static @Nullable Conflict combine(ObjectNode out, String k, JsonNode have, JsonNode v) {
        switch (k) {
            case "properties":
                if (!have.isObject() || !v.isObject()) return new Conflict(k, "'properties' is not an object");
                ObjectNode props = ((ObjectNode) have);
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    JsonNode mine = props.get(p.getKey());
                    if (mine == null || mine.equals(p.getValue())) {
                        props.set(p.getKey(), p.getValue().deepCopy());
                    } else {
                        props.set(p.getKey(), both(mine, p.getValue()));
                    }
                }
                return null;
            case "items":
            case "additionalProperties":
                if (have.isObject() && v.isObject()) {
                    out.set(k, both(have, v));
                    return null;
                }
                return new Conflict(k, "parts of allOf give different '" + k + "'");
            case "required":
                Set<String> req = new LinkedHashSet<>(strings(have));
                req.addAll(strings(v));
                ArrayNode a = out.putArray("required");
                req.forEach(a::add);
                return null;
            case "type":
                return intersectTypes(out, have, v);
            case "enum":
                ArrayNode kept = F.arrayNode();
                have.forEach(x -> {
                    for (JsonNode y : v) if (x.equals(y)) kept.add(x);
                });
                out.set("enum", kept);
                return kept.isEmpty() ? new Conflict("unsatisfiable", "enums share no value") : null;
            case "uniqueItems":
                out.put(k, have.asBoolean() || v.asBoolean());
                return null;
            case "not":
                out.set("not", F.objectNode().set("anyOf", F.arrayNode().add(have).add(v)));
                return null;
            case "const":
                return new Conflict("unsatisfiable", "parts of allOf require different constants");
            default:
                if (LOWER_BOUNDS.contains(k) && have.isNumber() && v.isNumber()) {
                    out.set(k, max(have, v));
                    return null;
                }
                if (UPPER_BOUNDS.contains(k) && have.isNumber() && v.isNumber()) {
                    out.set(k, min(have, v));
                    return null;
                }
                if (k.equals("exclusiveMinimum") && have.isNumber() && v.isNumber()) {
                    out.set(k, max(have, v));
                    return null;
                }
                if (k.equals("exclusiveMaximum") && have.isNumber() && v.isNumber()) {
                    out.set(k, min(have, v));
                    return null;
                }
                return new Conflict(k, "parts of allOf give different '" + k + "' and they cannot be combined");
        }
    }

    private static @Nullable Conflict intersectTypes(ObjectNode out, JsonNode have, JsonNode v) {
        Set<String> a = types(have);
        Set<String> b = types(v);
        Set<String> both = new LinkedHashSet<>();
        for (String t : a) {
            if (b.contains(t)) both.add(t);
            else if (t.equals("integer") && b.contains("number")) both.add("integer");
            else if (t.equals("number") && b.contains("integer")) both.add("integer");
        }
        if (both.isEmpty()) return new Conflict("unsatisfiable", "parts of allOf share no type");
        if (both.size() == 1) {
            out.put("type", both.iterator().next());
        } else {
            ArrayNode arr = out.putArray("type");
            both.forEach(arr::add);
        }
        return null;
    }

    static Set<String> types(JsonNode type) {
        Set<String> out = new LinkedHashSet<>();
        if (type.isTextual()) out.add(type.textValue());
        else type.forEach(t -> out.add(t.asText()));
        return out;
    }

    private static ObjectNode both(JsonNode a, JsonNode b) {
        ObjectNode n = F.objectNode();
        n.putArray("allOf").add(a.deepCopy()).add(b.deepCopy());
        return n;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Set<String> names(@Nullable JsonNode properties) {
        Set<String> out = new LinkedHashSet<>();
        if (properties != null) properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode max(JsonNode a, JsonNode b) {
        return dec(a).compareTo(dec(b)) >= 0 ? a : b;
    }

    private static JsonNode min(JsonNode a, JsonNode b) {
        return dec(a).compareTo(dec(b)) <= 0 ? a : b;
    }

    private static BigDecimal dec(JsonNode n) {
        return n.decimalValue();
    }
}
