package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.steering.constraint.ProviderSchema.Problem;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The size limits OpenAI documents for strict schemas, checked on a converted schema: at most 5000 object
 * properties in total, at most 10 levels of object nesting, at most 1000 enum values in total, at most 120,000
 * characters of property names, definition names, enum values and const values together, and at most 15,000
 * characters of values in one string enum of more than 250 values. Thread-safe.
 */
final class StrictLimits {

    static final int MAX_PROPERTIES = 5000;
    static final int MAX_DEPTH = 10;
    static final int MAX_ENUM_VALUES = 1000;
    static final int MAX_STRING_SIZE = 120_000;
    static final int LARGE_ENUM = 250;
    static final int MAX_LARGE_ENUM_SIZE = 15_000;

    private int properties;
    private int enumValues;
    private long stringSize;

    private StrictLimits() {}

    static void check(JsonNode schema, List<Problem> problems) {
        StrictLimits l = new StrictLimits();
        l.count(schema, "", problems);
        JsonNode defs = schema.path("$defs");
        defs.fieldNames().forEachRemaining(n -> l.stringSize += n.length());
        if (l.properties > MAX_PROPERTIES) {
            problems.add(new Problem("", "limit-properties", "the schema has " + l.properties
                    + " object properties; OpenAI allows at most " + MAX_PROPERTIES));
        }
        if (l.enumValues > MAX_ENUM_VALUES) {
            problems.add(new Problem("", "limit-enum-values", "the schema has " + l.enumValues
                    + " enum values; OpenAI allows at most " + MAX_ENUM_VALUES));
        }
        if (l.stringSize > MAX_STRING_SIZE) {
            problems.add(new Problem("", "limit-string-size", "names and enum/const values total " + l.stringSize
                    + " characters; OpenAI allows at most " + MAX_STRING_SIZE));
        }
        int depth = depth(schema, schema, new HashSet<>(), new HashMap<>());
        if (depth > MAX_DEPTH) {
            problems.add(new Problem("", "limit-depth", "objects nest " + depth
                    + " levels deep; OpenAI allows at most " + MAX_DEPTH));
        }
    }

    private void count(JsonNode node, String ptr, List<Problem> problems) {
        if (!node.isObject()) return;
        JsonNode props = node.get("properties");
        if (props != null && props.isObject()) {
            properties += props.size();
            props.fieldNames().forEachRemaining(n -> stringSize += n.length());
        }
        JsonNode en = node.get("enum");
        if (en != null && en.isArray()) {
            enumValues += en.size();
            long size = 0;
            for (JsonNode v : en) if (v.isTextual()) size += v.textValue().length();
            stringSize += size;
            if (en.size() > LARGE_ENUM && size > MAX_LARGE_ENUM_SIZE) {
                problems.add(new Problem(ptr, "limit-enum-size", "an enum of " + en.size() + " strings totals " + size
                        + " characters; OpenAI allows at most " + MAX_LARGE_ENUM_SIZE + " above " + LARGE_ENUM
                        + " values"));
            }
        }
        JsonNode c = node.get("const");
        if (c != null && c.isTextual()) stringSize += c.textValue().length();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals("properties") || k.equals("$defs")) {
                e.getValue().fields().forEachRemaining(p -> count(p.getValue(), ptr + "/" + k + "/" + p.getKey(), problems));
            } else if (k.equals("items")) {
                count(e.getValue(), ptr + "/items", problems);
            } else if (k.equals("anyOf")) {
                int i = 0;
                for (JsonNode b : e.getValue()) count(b, ptr + "/anyOf/" + i++, problems);
            }
        }
    }

    /** Returns the number of object schemas on the longest path from this schema, following refs once. */
    private static int depth(JsonNode node, JsonNode root, Set<String> onPath, Map<String, Integer> memo) {
        if (!node.isObject()) return 0;
        int own = isObject(node) ? 1 : 0;
        int below = 0;
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.asText().startsWith("#/$defs/")) {
            String name = ref.asText().substring("#/$defs/".length());
            Integer known = memo.get(name);
            if (known != null) return known;
            if (!onPath.add(name)) return 0;
            int d = depth(root.path("$defs").path(name), root, onPath, memo);
            onPath.remove(name);
            memo.put(name, d);
            return d;
        }
        JsonNode props = node.get("properties");
        if (props != null) {
            for (JsonNode p : props) below = Math.max(below, depth(p, root, onPath, memo));
        }
        JsonNode items = node.get("items");
        if (items != null) below = Math.max(below, depth(items, root, onPath, memo));
        JsonNode anyOf = node.get("anyOf");
        if (anyOf != null) {
            for (JsonNode b : anyOf) below = Math.max(below, depth(b, root, onPath, memo));
        }
        return own + below;
    }

    private static boolean isObject(JsonNode node) {
        JsonNode t = node.get("type");
        if (t == null) return false;
        if (t.isTextual()) return t.textValue().equals("object");
        for (JsonNode x : t) if (x.asText().equals("object")) return true;
        return false;
    }
}
