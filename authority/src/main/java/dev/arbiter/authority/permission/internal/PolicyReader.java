package dev.arbiter.authority.permission.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.NumericLimit;
import dev.arbiter.authority.permission.Policy;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.Refusal;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.core.Trust;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the policy file format documented on {@code PolicyFiles}, naming the line of every problem. */
public final class PolicyReader {

    private static final Set<String> TOP = Set.of("id", "version", "description", "registries", "tools");
    private static final Set<String> TOOL = Set.of("side_effect", "sensitive", "free_text", "output", "grant",
            "description");
    private static final Set<String> GRANT = Set.of("untrusted_values", "approval", "max_calls_per_run", "schema",
            "allow", "deny", "limits", "registered");
    private static final Set<String> LIMIT = Set.of("min", "max", "on_breach");

    private final LocatedTree tree;
    private final Map<String, String> registries = new java.util.LinkedHashMap<>();

    private PolicyReader(LocatedTree tree) {
        this.tree = tree;
    }

    /** Parses and checks a policy. */
    public static Policy read(String text, String source, boolean json) {
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        return new PolicyReader(LocatedTree.parse(factory, text, source)).policy();
    }

    private Policy policy() {
        JsonNode root = object(tree.root, "", "the policy");
        keys(root, "", TOP);
        String id = text(root, "", "id", true);
        String version = text(root, "", "version", true);
        JsonNode regs = root.get("registries");
        if (regs != null) {
            object(regs, "/registries", "'registries'").fields().forEachRemaining(e -> {
                String at = LocatedTree.child("/registries", e.getKey());
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw tree.error(at, "registry '" + e.getKey() + "' needs a description (what the application "
                            + "keeps in it, and where)");
                }
                registries.put(e.getKey(), e.getValue().asText());
            });
        }
        JsonNode tools = object(require(root, "", "tools"), "/tools", "'tools'");
        List<Policy.ToolPolicy> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tools.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            list.add(tool(e.getKey(), e.getValue(), LocatedTree.child("/tools", e.getKey())));
        }
        return new Policy(PolicyRef.of(id, version), registries, list);
    }

    private Policy.ToolPolicy tool(String name, JsonNode node, String at) {
        object(node, at, "tool '" + name + "'");
        keys(node, at, TOOL);
        SideEffect effect = enumValue(SideEffect.class, text(node, at, "side_effect", true), at + "/side_effect");
        Trust trust = node.has("output")
                ? enumValue(Trust.class, text(node, at, "output", true), at + "/output") : Trust.UNTRUSTED;
        Optional<Grant> grant = Optional.empty();
        JsonNode g = node.get("grant");
        if (g != null && !(g.isTextual() && g.asText().equals("none"))) {
            grant = Optional.of(grant(g, at + "/grant", name));
        } else if (g == null) {
            throw tree.error(at, "tool '" + name + "' has no 'grant' (write 'grant: none' to deny every call)");
        }
        Set<String> sensitive = strings(node.get("sensitive"), at + "/sensitive");
        for (String p : grant.map(Grant::registered).orElse(Map.of()).keySet()) {
            if (!sensitive.contains(p)) {
                throw tree.error(LocatedTree.child(at + "/grant/registered", p), "'" + p + "' is not a sensitive "
                        + "parameter of tool '" + name + "' " + sensitive + ": a registry only vouches for sensitive values");
            }
        }
        return new Policy.ToolPolicy(name, effect, sensitive, strings(node.get("free_text"), at + "/free_text"), trust,
                grant);
    }

    private Grant grant(JsonNode node, String at, String tool) {
        object(node, at, "the grant of tool '" + tool + "'");
        keys(node, at, GRANT);
        Grant.Builder b = Grant.builder();
        if (node.has("untrusted_values")) {
            b.untrustedValues(enumValue(Refusal.class, text(node, at, "untrusted_values", true), at + "/untrusted_values"));
        }
        if (node.has("approval")) {
            if (!node.get("approval").isBoolean()) {
                throw tree.error(at + "/approval", "'approval' must be true or false");
            }
            b.approvalRequired(node.get("approval").asBoolean());
        }
        if (node.has("max_calls_per_run")) {
            JsonNode m = node.get("max_calls_per_run");
            if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 0) {
                throw tree.error(at + "/max_calls_per_run", "'max_calls_per_run' must be a whole number >= 0");
            }
            b.maxCallsPerRun(m.asInt());
        }
        if (node.has("schema")) {
            try {
                SchemaCheck.compile(object(node.get("schema"), at + "/schema", "'schema'"), "tool '" + tool + "'");
            } catch (IllegalArgumentException e) {
                throw tree.error(at + "/schema", e.getMessage());
            }
            b.schema(node.get("schema"));
        }
        lists(node.get("allow"), at + "/allow").forEach(b::allow);
        lists(node.get("deny"), at + "/deny").forEach(b::deny);
        JsonNode registered = node.get("registered");
        if (registered != null) {
            object(registered, at + "/registered", "'registered'").fields().forEachRemaining(e -> {
                String where = LocatedTree.child(at + "/registered", e.getKey());
                if (!e.getValue().isTextual() || !registries.containsKey(e.getValue().asText())) {
                    throw tree.error(where, "'" + e.getKey() + "' names registry '" + e.getValue().asText()
                            + "', which the policy does not declare under 'registries' " + registries.keySet());
                }
                b.registered(e.getKey(), e.getValue().asText());
            });
        }
        JsonNode limits = node.get("limits");
        if (limits != null) {
            object(limits, at + "/limits", "'limits'").fields().forEachRemaining(
                    e -> b.limit(e.getKey(), limit(e.getValue(), LocatedTree.child(at + "/limits", e.getKey()))));
        }
        return b.build();
    }

    private NumericLimit limit(JsonNode node, String at) {
        object(node, at, "a limit");
        keys(node, at, LIMIT);
        BigDecimal min = number(node.get("min"), at + "/min");
        BigDecimal max = number(node.get("max"), at + "/max");
        Refusal r = node.has("on_breach")
                ? enumValue(Refusal.class, text(node, at, "on_breach", true), at + "/on_breach") : Refusal.DENY;
        try {
            return new NumericLimit(min, max, r);
        } catch (IllegalArgumentException e) {
            throw tree.error(at, e.getMessage());
        }
    }

    private Map<String, Set<String>> lists(JsonNode node, String at) {
        Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
        if (node != null) {
            object(node, at, "a value list").fields().forEachRemaining(
                    e -> out.put(e.getKey(), strings(e.getValue(), LocatedTree.child(at, e.getKey()))));
        }
        return out;
    }

    private BigDecimal number(JsonNode n, String at) {
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw tree.error(at, "expected a number, got '" + n.asText() + "'");
        }
        return n.decimalValue();
    }

    private Set<String> strings(JsonNode n, String at) {
        Set<String> out = new LinkedHashSet<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            throw tree.error(at, "expected a list of strings");
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isValueNode() || n.get(i).isNull()) {
                throw tree.error(at + "/" + i, "expected a string");
            }
            out.add(n.get(i).asText());
        }
        return out;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, String at) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw tree.error(at, "unknown value '" + value + "', expected one of " + names);
        }
    }

    private JsonNode object(JsonNode n, String at, String what) {
        if (!n.isObject()) {
            throw tree.error(at, what + " must be a mapping, was " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return n;
    }

    private JsonNode require(JsonNode n, String at, String key) {
        if (!n.has(key)) {
            throw tree.error(at, "missing '" + key + "'");
        }
        return n.get(key);
    }

    private String text(JsonNode n, String at, String key, boolean required) {
        JsonNode v = required ? require(n, at, key) : n.get(key);
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw tree.error(LocatedTree.child(at, key), "'" + key + "' must be a non-empty text");
        }
        return v.asText();
    }

    private void keys(JsonNode n, String at, Set<String> allowed) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw tree.error(LocatedTree.child(at, k), "unknown key '" + k + "'; expected one of "
                        + new java.util.TreeSet<>(allowed));
            }
        });
    }
}
