package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.steering.constraint.ProviderSchema;
import dev.arbiter.steering.constraint.ProviderSchema.Problem;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation;
import dev.arbiter.steering.constraint.ProviderSchema.Relaxation.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Converts a JSON Schema into the form OpenAI structured outputs accept with {@code strict: true}. The walk:
 * {@code $ref} → annotations → {@code allOf} (merged) → unsupported applicators (dropped) → {@code oneOf}
 * (to anyOf) → {@code anyOf} (siblings distributed) → type (inferred, split) → per-type keywords
 * ({@link StrictTypes}); then the referenced definitions, then the size limits ({@link StrictLimits}).
 * Not thread-safe: one instance per conversion.
 */
public final class OpenAiStrictConverter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_REWRITES = 32;
    private static final List<String> UNSUPPORTED = List.of("not", "if", "then", "else", "dependencies",
            "dependentRequired", "dependentSchemas");

    final JsonNode root;
    final LocalRefs refs;
    private final boolean refSiblingsIgnored;
    final List<Relaxation> relaxations = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    private final ArrayDeque<String> pendingDefs = new ArrayDeque<>();
    /** The pointers inlined (for allOf) on the current conversion path: inlining one again would never end. */
    final Set<String> inlining = new HashSet<>();

    private OpenAiStrictConverter(JsonNode root) {
        this.root = root;
        this.refs = new LocalRefs(root);
        String dialect = root.path("$schema").asText("");
        this.refSiblingsIgnored = dialect.contains("draft-04") || dialect.contains("draft-06")
                || dialect.contains("draft-07");
    }

    /** Returns the provider form of a schema. */
    public static ProviderSchema convert(JsonNode schema) {
        return new OpenAiStrictConverter(schema).run();
    }

    private ProviderSchema run() {
        if (!root.isObject()) {
            return new ProviderSchema.Fallback(List.of(new Problem("", "root-not-object",
                    "the root schema is " + (root.isBoolean() ? "the boolean " + root : "not a JSON object"))));
        }
        ObjectNode out;
        ObjectNode defs = F.objectNode();
        try {
            out = schema(root, "", true, 0);
            while (!pendingDefs.isEmpty()) {
                String pointer = pendingDefs.poll();
                JsonNode target = refs.resolve(pointer);
                defs.set(refs.nameOf(pointer), schema(target == null ? F.objectNode() : target, pointer, false, 0));
            }
        } catch (StackOverflowError e) {
            return new ProviderSchema.Fallback(List.of(new Problem("", "too-deep",
                    "the schema nests too deeply to convert")));
        }
        if (!defs.isEmpty()) out.set("$defs", defs);
        if (problems.isEmpty()) StrictLimits.check(out, problems);
        return problems.isEmpty() ? new ProviderSchema.Converted(out, relaxations)
                : new ProviderSchema.Fallback(problems);
    }

    /** Converts one schema; on a problem it records it and returns a placeholder. */
    ObjectNode schema(JsonNode node, String ptr, boolean isRoot, int rewrites) {
        if (node.isBoolean()) {
            problem(ptr, node.booleanValue() ? "any-value" : "false-schema", node.booleanValue()
                    ? "the schema 'true' accepts any JSON value" : "the schema 'false' accepts nothing");
            return F.objectNode();
        }
        if (!node.isObject()) {
            problem(ptr, "not-a-schema", "expected a schema object, found " + node.getNodeType());
            return F.objectNode();
        }
        if (rewrites > MAX_REWRITES) {
            problem(ptr, "rewrite-limit", "the schema needs more than " + MAX_REWRITES + " rewrites");
            return F.objectNode();
        }
        ObjectNode w = ((ObjectNode) node).deepCopy();
        w.remove("$defs");
        w.remove("definitions");
        if (w.has("$ref")) return ref(w, ptr, isRoot, rewrites);
        if (w.has("$dynamicRef") || w.has("$recursiveRef")) {
            problem(ptr, "dynamic-ref", "$dynamicRef and $recursiveRef cannot be expressed");
            return F.objectNode();
        }
        dropAnnotations(w, ptr);
        if (w.has("allOf")) {
            JsonNode allOf = w.get("allOf");
            if (allOf.isArray() && allOf.size() == 1 && onlyDescription(w)) {
                relax(ptr, "allOf", Kind.REWRITTEN, "allOf of one schema written as that schema");
                return schema(allOf.get(0), ptr, isRoot, rewrites + 1);
            }
            Set<String> inlined = new HashSet<>();
            ObjectNode merged = mergeAllOf(w, ptr, inlined);
            if (merged == null) return F.objectNode();
            inlined.removeAll(inlining);
            inlining.addAll(inlined);
            try {
                return schema(merged, ptr, isRoot, rewrites + 1);
            } finally {
                inlining.removeAll(inlined);
            }
        }
        for (String k : UNSUPPORTED) {
            if (w.remove(k) != null) {
                relax(ptr, k, Kind.DROPPED, "'" + k + "' is not supported in strict mode; verification still checks it");
            }
        }
        if (w.has("oneOf")) {
            if (w.has("anyOf")) {
                problem(ptr, "oneOf", "oneOf beside anyOf cannot be expressed with anyOf alone");
                return F.objectNode();
            }
            JsonNode branches = w.remove("oneOf");
            boolean disjoint = Unions.disjoint(branches, refs);
            w.set("anyOf", branches);
            relax(ptr, "oneOf", disjoint ? Kind.REWRITTEN : Kind.DROPPED, disjoint
                    ? "oneOf written as anyOf: its branches cannot overlap"
                    : "oneOf written as anyOf: the provider does not enforce that only one branch matches");
        }
        if (w.has("anyOf")) return anyOf(w, ptr, isRoot, rewrites);
        Set<String> types = Types.of(w, ptr, this);
        if (types.isEmpty()) return F.objectNode();
        if (isRoot) {
            if (!types.contains("object")) {
                problem(ptr, "root-not-object", "the root schema is of type " + types + "; OpenAI requires an object");
                return F.objectNode();
            }
            if (types.size() > 1) {
                relax(ptr, "type", Kind.NARROWED, "the root allows " + types + "; only an object can be produced");
                types = Set.of("object");
            }
        }
        Set<String> nonNull = new LinkedHashSet<>(types);
        nonNull.remove("null");
        if (nonNull.size() > 1) return splitTypes(w, ptr, types, rewrites);
        return StrictTypes.typed(w, ptr, types, this);
    }

    private ObjectNode ref(ObjectNode w, String ptr, boolean isRoot, int rewrites) {
        String ref = w.get("$ref").asText();
        if (!LocalRefs.isLocal(ref)) {
            problem(ptr, "remote-ref", "$ref '" + ref + "' points outside this schema");
            return F.objectNode();
        }
        String target = LocalRefs.pointer(ref);
        JsonNode t = refs.resolve(target);
        if (t == null) {
            problem(ptr, "unresolvable-ref", "$ref '" + ref + "' points to nothing");
            return F.objectNode();
        }
        ObjectNode siblings = w.deepCopy();
        siblings.remove("$ref");
        boolean validating = false;
        for (String k : (Iterable<String>) siblings::fieldNames) {
            if (!Keywords.ANNOTATIONS.contains(k) && !k.equals("description") && Keywords.known(k)) validating = true;
        }
        if (isRoot || (validating && !refSiblingsIgnored)) {
            ObjectNode inline = F.objectNode();
            inline.putArray("allOf").add(t.deepCopy()).add(siblings);
            relax(ptr, "$ref", Kind.REWRITTEN, isRoot ? "the root $ref was inlined" : "$ref inlined to merge the "
                    + "keywords beside it");
            return schema(inline, ptr, isRoot, rewrites + 1);
        }
        for (String k : (Iterable<String>) siblings::fieldNames) {
            relax(ptr, k, Kind.ANNOTATION_REMOVED, validating
                    ? "'" + k + "' beside $ref is ignored in drafts 4 to 7" : "annotation beside $ref removed");
        }
        ObjectNode out = F.objectNode();
        if (target.isEmpty()) {
            out.put("$ref", "#");
        } else {
            if (!refs.named(target)) pendingDefs.add(target);
            String name = refs.nameOf(target);
            if (!("/$defs/" + name).equals(target)) {
                relax(ptr, "$ref", Kind.REWRITTEN, "'" + ref + "' now points to #/$defs/" + name);
            }
            out.put("$ref", "#/$defs/" + name);
        }
        return out;
    }

    private void dropAnnotations(ObjectNode w, String ptr) {
        List<String> drop = new ArrayList<>();
        w.fieldNames().forEachRemaining(k -> {
            if (Keywords.ANNOTATIONS.contains(k) || !Keywords.known(k)) drop.add(k);
        });
        for (String k : drop) {
            w.remove(k);
            relax(ptr, k, Kind.ANNOTATION_REMOVED, Keywords.known(k) ? "annotation removed"
                    : "'" + k + "' is not a JSON Schema keyword; removed");
        }
    }

    private static boolean onlyDescription(ObjectNode w) {
        for (String k : (Iterable<String>) w::fieldNames) {
            if (!k.equals("allOf") && !k.equals("description")) return false;
        }
        return true;
    }

    private @Nullable ObjectNode mergeAllOf(ObjectNode w, String ptr, Set<String> inlined) {
        List<ObjectNode> parts = new ArrayList<>();
        ObjectNode rest = w.deepCopy();
        JsonNode allOf = rest.remove("allOf");
        parts.add(rest);
        if (!Unions.flatten(allOf, parts, ptr, inlined, this)) return null;
        SchemaMerger.Result r = SchemaMerger.merge(parts);
        if (r instanceof SchemaMerger.Conflict c) {
            problem(ptr, "allOf", "allOf cannot be merged: " + c.reason());
            return null;
        }
        SchemaMerger.Merged m = (SchemaMerger.Merged) r;
        if (m.unsatisfiable()) {
            problem(ptr, "unsatisfiable", "no instance satisfies every part of allOf");
            return null;
        }
        relax(ptr, "allOf", Kind.REWRITTEN, "allOf merged into one schema");
        return m.schema();
    }

    private ObjectNode anyOf(ObjectNode w, String ptr, boolean isRoot, int rewrites) {
        if (isRoot) {
            problem(ptr, "root-anyOf", "the root schema is a union (anyOf/oneOf); OpenAI requires an object root");
            return F.objectNode();
        }
        JsonNode branches = w.remove("anyOf");
        JsonNode description = w.remove("description");
        if (!branches.isArray() || branches.isEmpty()) {
            problem(ptr, "not-a-schema", "anyOf must be a non-empty list");
            return F.objectNode();
        }
        boolean distribute = !w.isEmpty();
        if (distribute) {
            relax(ptr, "anyOf", Kind.REWRITTEN, "keywords beside anyOf moved into each branch");
        }
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < branches.size(); i++) {
            String bp = ptr + "/anyOf/" + i;
            JsonNode branch = branches.get(i);
            Set<String> inlined = new HashSet<>();
            if (distribute) {
                branch = Unions.withSiblings(w, branch, bp, inlined, this);
                if (branch == null) continue;
            }
            inlined.removeAll(inlining);
            inlining.addAll(inlined);
            try {
                out.add(schema(branch, bp, false, rewrites + 1));
            } finally {
                inlining.removeAll(inlined);
            }
        }
        if (out.isEmpty()) {
            problem(ptr, "unsatisfiable", "no branch of anyOf can match");
            return F.objectNode();
        }
        ObjectNode result;
        if (out.size() == 1) {
            result = (ObjectNode) out.get(0);
        } else {
            result = F.objectNode();
            result.set("anyOf", out);
        }
        if (description != null && !result.has("$ref")) result.set("description", description);
        return result;
    }

    private ObjectNode splitTypes(ObjectNode w, String ptr, Set<String> types, int rewrites) {
        ArrayNode branches = F.arrayNode();
        JsonNode description = w.remove("description");
        for (String t : types) {
            if (t.equals("null")) continue;
            ObjectNode copy = w.deepCopy();
            copy.put("type", t);
            branches.add(schema(copy, ptr, false, rewrites + 1));
        }
        if (types.contains("null")) branches.addObject().put("type", "null");
        relax(ptr, "type", Kind.REWRITTEN, "type list " + types + " written as anyOf, one branch per type");
        ObjectNode out = F.objectNode();
        if (description != null) out.set("description", description);
        out.set("anyOf", branches);
        return out;
    }

    void relax(String ptr, String keyword, Kind kind, String reason) {
        relaxations.add(new Relaxation(ptr, keyword, kind, reason));
    }

    void problem(String ptr, String cause, String reason) {
        problems.add(new Problem(ptr, cause, reason));
    }

    static String child(String ptr, String segment) {
        return ptr + "/" + segment.replace("~", "~0").replace("/", "~1");
    }
}
