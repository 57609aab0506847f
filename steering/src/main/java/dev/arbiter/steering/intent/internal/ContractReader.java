package dev.arbiter.steering.intent.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.steering.intent.ContractFormatException;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.Rule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads contracts from YAML or JSON. Strict: unknown keys, values of the wrong type and missing required parts
 * fail with a {@link ContractFormatException} that names the line, the key and the reason. Thread-safe.
 */
public final class ContractReader {

    static final List<String> TOP_KEYS = List.of("id", "version", "purpose", "audience", "task", "rules",
            "definitions", "successCriteria", "nonGoals", "examples");
    private static final List<String> RULE_KEYS = List.of("id", "text", "check");
    private static final List<String> EXAMPLE_KEYS = List.of("input", "output");

    private static final JsonFactory YAML = YAMLFactory.builder().build();
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ContractReader() {}

    /** Reads a contract from YAML text. */
    public static IntentContract readYaml(String yaml, String source) {
        return read(LocatedTree.parse(YAML, yaml, source));
    }

    /** Reads a contract from JSON text. */
    public static IntentContract readJson(String json, String source) {
        return read(LocatedTree.parse(JSON, json, source));
    }

    private static IntentContract read(LocatedTree tree) {
        JsonNode root = tree.root;
        if (!root.isObject()) {
            throw tree.error("", "a contract must be a mapping of keys such as id, version, purpose; was "
                    + Kinds.describe(root));
        }
        knownKeys(tree, "", root, TOP_KEYS);
        String id = requiredText(tree, "", root, "id");
        String version = requiredText(tree, "", root, "version");
        IntentContract.Builder b;
        try {
            b = IntentContract.builder(id, version);
        } catch (IllegalArgumentException e) {
            throw tree.error("/id", e.getMessage());
        }
        b.purpose(optionalText(tree, "/purpose", root.get("purpose")));
        b.audience(optionalText(tree, "/audience", root.get("audience")));
        b.task(optionalText(tree, "/task", root.get("task")));
        readRules(tree, root.get("rules"), b);
        readDefinitions(tree, root.get("definitions"), b);
        for (String s : textList(tree, "/successCriteria", root.get("successCriteria"))) b.successCriterion(s);
        for (String s : textList(tree, "/nonGoals", root.get("nonGoals"))) b.nonGoal(s);
        readExamples(tree, root.get("examples"), b);
        return b.build();
    }

    private static void readRules(LocatedTree tree, @Nullable JsonNode rules, IntentContract.Builder b) {
        if (absent(rules)) return;
        if (!rules.isArray()) throw tree.error("/rules", "'rules' must be a list, was " + Kinds.describe(rules));
        for (int i = 0; i < rules.size(); i++) {
            String at = "/rules/" + i;
            JsonNode r = rules.get(i);
            Rule rule;
            if (r.isTextual() || r.isNumber()) {
                rule = ruleOf(tree, at, null, Kinds.text(r), List.of());
            } else if (r.isObject()) {
                knownKeys(tree, at, r, RULE_KEYS);
                String text = requiredText(tree, at, r, "text");
                @Nullable String id = r.has("id") && !r.get("id").isNull() ? requiredText(tree, at, r, "id") : null;
                rule = ruleOf(tree, at, id, text, CheckReader.read(tree, LocatedTree.child(at, "check"), r.get("check")));
            } else {
                throw tree.error(at, "a rule must be text or a mapping with 'text' (and optionally 'id' and "
                        + "'check'), was " + Kinds.describe(r));
            }
            try {
                b.rule(rule);
            } catch (IllegalArgumentException e) {
                throw tree.error(at, e.getMessage());
            }
        }
    }

    private static Rule ruleOf(LocatedTree tree, String at, @Nullable String id, String text,
            List<dev.arbiter.core.RuleCheck> checks) {
        try {
            return new Rule(id == null ? Rule.derivedId(text) : id, text, checks);
        } catch (IllegalArgumentException e) {
            throw tree.error(at, e.getMessage());
        }
    }

    private static void readDefinitions(LocatedTree tree, @Nullable JsonNode defs, IntentContract.Builder b) {
        if (absent(defs)) return;
        if (!defs.isObject()) {
            throw tree.error("/definitions", "'definitions' must be a mapping of term: meaning, was "
                    + Kinds.describe(defs));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = LocatedTree.child("/definitions", e.getKey());
            String meaning = optionalText(tree, at, e.getValue());
            try {
                b.definition(e.getKey(), meaning);
            } catch (IllegalArgumentException ex) {
                throw tree.error(at, ex.getMessage());
            }
        }
    }

    private static void readExamples(LocatedTree tree, @Nullable JsonNode examples, IntentContract.Builder b) {
        if (absent(examples)) return;
        if (!examples.isArray()) {
            throw tree.error("/examples", "'examples' must be a list of input/output pairs, was "
                    + Kinds.describe(examples));
        }
        for (int i = 0; i < examples.size(); i++) {
            String at = "/examples/" + i;
            JsonNode e = examples.get(i);
            if (!e.isObject()) throw tree.error(at, "an example must be a mapping with 'input' and 'output', was "
                    + Kinds.describe(e));
            knownKeys(tree, at, e, EXAMPLE_KEYS);
            String input = requiredText(tree, at, e, "input");
            String output = requiredText(tree, at, e, "output");
            try {
                b.example(input, output);
            } catch (IllegalArgumentException ex) {
                throw tree.error(at, ex.getMessage());
            }
        }
    }

    static void knownKeys(LocatedTree tree, String at, JsonNode object, List<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String hint = suggestion(key, known);
                throw tree.keyError(LocatedTree.child(at, key), "unknown key '" + key + "'"
                        + (hint == null ? "" : "; did you mean '" + hint + "'?") + " Known keys here: "
                        + String.join(", ", known));
            }
        }
    }

    private static @Nullable String suggestion(String key, List<String> known) {
        String k = squash(key);
        for (String candidate : known) {
            String c = squash(candidate);
            if (c.equals(k) || c.startsWith(k) || k.startsWith(c) || Kinds.editDistance(c, k) <= 2) return candidate;
        }
        return null;
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String requiredText(LocatedTree tree, String at, JsonNode object, String key) {
        JsonNode v = object.get(key);
        if (absent(v)) {
            throw tree.error(at, "missing '" + key + "'" + (at.isEmpty() ? "" : " in " + at.substring(1)));
        }
        String text = optionalText(tree, LocatedTree.child(at, key), v);
        if (text.isBlank()) throw tree.error(LocatedTree.child(at, key), "'" + key + "' must not be blank");
        return text;
    }

    private static String optionalText(LocatedTree tree, String at, @Nullable JsonNode v) {
        if (absent(v)) return "";
        if (!v.isTextual() && !v.isNumber()) {
            throw tree.error(at, "'" + Kinds.name(at) + "' must be text, was " + Kinds.describe(v));
        }
        return Kinds.text(v);
    }

    private static List<String> textList(LocatedTree tree, String at, @Nullable JsonNode v) {
        List<String> out = new ArrayList<>();
        if (absent(v)) return out;
        if (v.isTextual()) {
            out.add(v.textValue());
            return out;
        }
        if (!v.isArray()) {
            throw tree.error(at, "'" + Kinds.name(at) + "' must be a list of text, was " + Kinds.describe(v));
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(optionalText(tree, at + "/" + i, v.get(i)));
        }
        return out;
    }

    static boolean absent(@Nullable JsonNode v) {
        return v == null || v.isNull();
    }
}
