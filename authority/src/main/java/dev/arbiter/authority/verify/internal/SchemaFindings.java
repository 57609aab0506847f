package dev.arbiter.authority.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns networknt's errors into findings: one per error, except that the errors under one {@code anyOf} or
 * {@code oneOf} become one finding that lists what each alternative needs, at most {@code max} findings in all.
 */
public final class SchemaFindings {

    private static final Set<String> NAMED_CHILDREN = Set.of(
            "properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies");

    private SchemaFindings() {}

    /** Returns the findings for the errors, in the order networknt reported them. */
    public static List<Finding> of(String verifierId, List<Error> errors, Schema compiled, JsonNode root, int max) {
        Map<String, List<Error>> groups = new LinkedHashMap<>();
        for (Error e : errors) {
            groups.computeIfAbsent(groupKey(e), k -> new ArrayList<>()).add(e);
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, List<Error>> g : groups.entrySet()) {
            if (g.getKey().startsWith("#")) {
                findings.add(single(verifierId, g.getValue().get(0), compiled, root));
            } else {
                findings.add(alternatives(verifierId, g.getKey(), g.getValue(), compiled, root));
            }
        }
        if (findings.size() <= max) {
            return findings;
        }
        List<Finding> kept = new ArrayList<>(findings.subList(0, max));
        kept.add(Finding.of(verifierId, FailureMode.SCHEMA_VIOLATION, Location.whole(),
                (findings.size() - max) + " more schema errors are not listed",
                "Fix the errors listed; the rest will be reported on the next check."));
        return kept;
    }

    private static String groupKey(Error e) {
        NodePath path = e.getEvaluationPath();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            prefix.append('/').append(element);
            boolean applicator = "anyOf".equals(element) || "oneOf".equals(element);
            boolean named = i > 0 && NAMED_CHILDREN.contains(String.valueOf(path.getElement(i - 1)));
            if (applicator && !named && (i + 1 == path.getNameCount() || path.getElement(i + 1) instanceof Integer)) {
                return prefix.toString();
            }
        }
        return "#" + System.identityHashCode(e) + path;
    }

    private static Finding single(String verifierId, Error e, Schema compiled, JsonNode root) {
        Location.Pointer at = pointer(e.getInstanceLocation());
        String where = at.describe();
        SchemaErrorText.Text text = SchemaErrorText.describe(e, where, allowedHint(e, compiled, root));
        return Finding.of(verifierId, FailureMode.SCHEMA_VIOLATION, at, where + ": " + text.problem(), text.fix());
    }

    private static Finding alternatives(String verifierId, String key, List<Error> errors, Schema compiled, JsonNode root) {
        String kind = key.substring(key.lastIndexOf('/') + 1);
        Map<Integer, List<Error>> byAlternative = new TreeMap<>();
        List<Error> own = new ArrayList<>();
        for (Error e : errors) {
            int alternative = alternativeIndex(e.getEvaluationPath(), key);
            if (alternative < 0) {
                own.add(e);
            } else {
                byAlternative.computeIfAbsent(alternative, k -> new ArrayList<>()).add(e);
            }
        }
        if (byAlternative.isEmpty()) {
            return single(verifierId, own.get(0), compiled, root);
        }
        Location.Pointer at = commonPrefix(errors);
        String where = at.describe();
        StringBuilder problem = new StringBuilder(where + ": matches none of the " + byAlternative.size()
                + " alternatives (" + kind + ")");
        StringBuilder fix = new StringBuilder("Change " + where + " so that it satisfies one alternative completely");
        int shown = 0;
        for (Map.Entry<Integer, List<Error>> alt : byAlternative.entrySet()) {
            if (shown++ == 4) {
                problem.append("; ...");
                break;
            }
            String label = (shown == 1 ? ": " : "; ") + "alternative " + (alt.getKey() + 1) + ": ";
            problem.append(label).append(describeAll(alt.getValue(), where, compiled, root, false));
            fix.append(shown == 1 ? ", e.g. alternative " : ", or alternative ").append(alt.getKey() + 1).append(": ")
                    .append(describeAll(alt.getValue(), where, compiled, root, true));
        }
        return Finding.of(verifierId, FailureMode.SCHEMA_VIOLATION, at, problem.toString(), fix.append('.').toString());
    }

    private static String describeAll(List<Error> errors, String groupWhere, Schema compiled, JsonNode root, boolean fixes) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Error> it = errors.iterator(); it.hasNext() && parts.size() < 3; ) {
            Error e = it.next();
            String where = pointer(e.getInstanceLocation()).describe();
            SchemaErrorText.Text text = SchemaErrorText.describe(e, where, allowedHint(e, compiled, root));
            String part = fixes ? stripPeriod(text.fix()) : (where.equals(groupWhere) ? "" : where + " ") + text.problem();
            parts.add(part);
        }
        return String.join(fixes ? " and " : ", ", parts) + (errors.size() > 3 ? " (and more)" : "");
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static int alternativeIndex(NodePath path, String key) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            prefix.append('/').append(path.getElement(i));
            if (prefix.toString().equals(key)) {
                return i + 1 < path.getNameCount() && path.getElement(i + 1) instanceof Integer
                        ? (Integer) path.getElement(i + 1) : -1;
            }
        }
        return -1;
    }

    private static Location.Pointer commonPrefix(List<Error> errors) {
        List<String> common = tokens(errors.get(0).getInstanceLocation());
        for (Error e : errors) {
            List<String> t = tokens(e.getInstanceLocation());
            int n = 0;
            while (n < common.size() && n < t.size() && common.get(n).equals(t.get(n))) {
                n++;
            }
            common = common.subList(0, n);
        }
        return Location.pointer(common);
    }

    static Location.Pointer pointer(NodePath path) {
        return Location.pointer(tokens(path));
    }

    private static List<String> tokens(NodePath path) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            tokens.add(String.valueOf(path.getElement(i)));
        }
        return tokens;
    }

    private static String allowedHint(Error e, Schema compiled, JsonNode root) {
        String key = String.valueOf(e.getKeyword());
        if (!key.equals("additionalProperties") && !key.equals("unevaluatedProperties")) {
            return "";
        }
        if (e.getSchemaLocation() == null
                || !e.getSchemaLocation().getAbsoluteIri().equals(compiled.getSchemaLocation().getAbsoluteIri())) {
            return "";
        }
        List<String> fragment = tokens(e.getSchemaLocation().getFragment());
        if (fragment.isEmpty()) {
            return "";
        }
        JsonNode parent = root.at(Location.pointer(fragment.subList(0, fragment.size() - 1)).pointer());
        JsonNode properties = parent.path("properties");
        if (!properties.isObject() || properties.size() == 0 || properties.size() > 30) {
            return "";
        }
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return " Allowed properties: " + String.join(", ", names) + ".";
    }
}
