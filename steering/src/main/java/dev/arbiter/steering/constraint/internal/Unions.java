package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Helpers for allOf, anyOf and oneOf: flattening with refs inlined, disjointness, distribution. Thread-safe. */
final class Unions {

    private Unions() {}

    /**
     * Adds the parts of an allOf to {@code parts}, inlining local {@code $ref}s one level and flattening nested
     * allOf; returns false (after recording the problem) when that is not possible.
     */
    static boolean flatten(JsonNode allOf, List<ObjectNode> parts, String ptr, Set<String> inlined,
            OpenAiStrictConverter c) {
        return flatten(allOf, parts, ptr, new HashSet<>(), inlined, c);
    }

    private static boolean flatten(JsonNode allOf, List<ObjectNode> parts, String ptr, Set<String> chain,
            Set<String> inlined, OpenAiStrictConverter c) {
        if (!allOf.isArray()) {
            c.problem(ptr, "not-a-schema", "allOf must be a list");
            return false;
        }
        for (JsonNode p : allOf) {
            if (p.isBoolean()) {
                if (p.booleanValue()) continue;
                c.problem(ptr, "unsatisfiable", "allOf contains the schema 'false'");
                return false;
            }
            if (!p.isObject()) {
                c.problem(ptr, "not-a-schema", "allOf contains " + p.getNodeType());
                return false;
            }
            ObjectNode part = ((ObjectNode) p).deepCopy();
            part.remove("$defs");
            part.remove("definitions");
            JsonNode ref = part.remove("$ref");
            if (ref != null) {
                String r = ref.asText();
                if (!LocalRefs.isLocal(r)) {
                    c.problem(ptr, "remote-ref", "$ref '" + r + "' points outside this schema");
                    return false;
                }
                String target = LocalRefs.pointer(r);
                JsonNode t = c.refs.resolve(target);
                if (t == null) {
                    c.problem(ptr, "unresolvable-ref", "$ref '" + r + "' points to nothing");
                    return false;
                }
                if (c.inlining.contains(target) || !chain.add(target)) {
                    c.problem(ptr, "recursive-allOf", "allOf refers to itself through '" + r + "'");
                    return false;
                }
                inlined.add(target);
                boolean ok = flatten(JsonNodeFactory.instance.arrayNode().add(t), parts, ptr, chain, inlined, c);
                chain.remove(target);
                if (!ok) return false;
            }
            JsonNode nested = part.remove("allOf");
            if (nested != null && !flatten(nested, parts, ptr, chain, inlined, c)) return false;
            parts.add(part);
        }
        return true;
    }

    /** Returns the branch merged with the keywords beside anyOf, or null when it can never match. */
    static @Nullable JsonNode withSiblings(ObjectNode siblings, JsonNode branch, String ptr, Set<String> inlined,
            OpenAiStrictConverter c) {
        List<ObjectNode> parts = new ArrayList<>();
        parts.add(siblings.deepCopy());
        if (!flatten(JsonNodeFactory.instance.arrayNode().add(branch), parts, ptr, inlined, c)) {
            return JsonNodeFactory.instance.objectNode();
        }
        SchemaMerger.Result r = SchemaMerger.merge(parts);
        if (r instanceof SchemaMerger.Conflict conflict) {
            c.problem(ptr, "anyOf", "keywords beside anyOf cannot be merged into a branch: " + conflict.reason());
            return JsonNodeFactory.instance.objectNode();
        }
        SchemaMerger.Merged m = (SchemaMerger.Merged) r;
        if (m.unsatisfiable()) {
            c.relax(ptr, "anyOf", Kind.REWRITTEN, "branch removed: it can never match beside the other keywords");
            return null;
        }
        return m.schema();
    }

    /**
     * Returns whether no instance can match two branches: each branch has one type (integer and number overlap)
     * and the types differ, or each branch lists its values (enum or const) and no value is shared.
     */
    static boolean disjoint(JsonNode branches, LocalRefs refs) {
        if (!branches.isArray()) return false;
        List<JsonNode> resolved = new ArrayList<>();
        for (JsonNode b : branches) {
            JsonNode r = b.has("$ref") && LocalRefs.isLocal(b.get("$ref").asText())
                    ? refs.resolve(LocalRefs.pointer(b.get("$ref").asText())) : b;
            if (r == null || !r.isObject()) return false;
            resolved.add(r);
        }
        return byType(resolved) || byValue(resolved);
    }

    private static boolean byType(List<JsonNode> branches) {
        Set<String> seen = new HashSet<>();
        for (JsonNode b : branches) {
            JsonNode t = b.get("type");
            if (t == null || !t.isTextual()) return false;
            String type = t.textValue().equals("integer") ? "number" : t.textValue();
            if (!seen.add(type)) return false;
        }
        return true;
    }

    private static boolean byValue(List<JsonNode> branches) {
        Set<JsonNode> seen = new HashSet<>();
        for (JsonNode b : branches) {
            List<JsonNode> values = new ArrayList<>();
            if (b.has("const")) values.add(b.get("const"));
            else if (b.has("enum") && b.get("enum").isArray()) b.get("enum").forEach(values::add);
            else return false;
            for (JsonNode v : values) {
                if (!seen.add(v)) return false;
            }
        }
        return true;
    }
}
