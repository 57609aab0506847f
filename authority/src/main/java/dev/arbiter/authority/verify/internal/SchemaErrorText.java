package dev.arbiter.authority.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.Map;

/**
 * Rewrites one networknt error into a problem statement and a fix a model can act on, e.g.
 * {@code expected number, got string "12"} and {@code Make /items/0/price a number (write 12, not "12")}.
 */
final class SchemaErrorText {

    /** The rewritten error: what is wrong (without the location) and what to do. */
    record Text(String problem, String fix) {}

    private static final Map<String, String> FORMAT_EXAMPLES = Map.ofEntries(
            Map.entry("date-time", "RFC 3339, e.g. 2024-05-01T13:45:00Z"),
            Map.entry("date", "RFC 3339 full-date, e.g. 2024-05-01"),
            Map.entry("time", "RFC 3339 time with offset, e.g. 13:45:00Z"),
            Map.entry("email", "e.g. name@example.com"),
            Map.entry("uri", "an absolute URI, e.g. https://example.com/path"),
            Map.entry("uri-reference", "e.g. /path or https://example.com/path"),
            Map.entry("uuid", "e.g. 123e4567-e89b-12d3-a456-426614174000"),
            Map.entry("ipv4", "e.g. 192.0.2.1"),
            Map.entry("ipv6", "e.g. 2001:db8::1"),
            Map.entry("hostname", "e.g. example.com"),
            Map.entry("duration", "ISO 8601, e.g. P3DT4H"),
            Map.entry("regex", "an ECMA-262 regular expression"));

    private SchemaErrorText() {}

    static Text describe(Error e, String where, String allowedHint) {
        String key = e.getMessageKey() == null ? String.valueOf(e.getKeyword()) : e.getMessageKey();
        JsonNode value = e.getInstanceNode();
        String shown = show(value);
        if (key.startsWith("format")) {
            String name = arg(e, 0);
            String example = FORMAT_EXAMPLES.containsKey(name) ? " (" + FORMAT_EXAMPLES.get(name) + ")" : "";
            return new Text(shown + " is not a valid " + name, "Write " + where + " as a valid " + name + example + ".");
        }
        switch (key) {
            case "type":
                return type(e, where, value);
            case "required":
                return new Text("missing required property '" + property(e) + "'",
                        "Add the required property '" + property(e) + "' to " + objectAt(where) + ".");
            case "additionalProperties":
            case "unevaluatedProperties":
                return new Text("property '" + property(e) + "' is not allowed",
                        "Remove the property '" + property(e) + "' from " + objectAt(where) + "." + allowedHint);
            case "enum":
                return new Text(shown + " is not one of the allowed values " + show(e.getSchemaNode()),
                        "Set " + where + " to one of " + show(e.getSchemaNode()) + ".");
            case "const":
                return new Text("must be " + show(e.getSchemaNode()) + ", got " + shown,
                        "Set " + where + " to " + show(e.getSchemaNode()) + ".");
            case "pattern":
                return new Text(shown + " does not match the pattern " + arg(e, 0),
                        "Change " + where + " so that it matches the regular expression " + arg(e, 0) + ".");
            case "minLength":
            case "maxLength":
                return length(e, where, value, key.equals("minLength"));
            default:
                return numericOrStructural(e, key, where, value, shown);
        }
    }

    private static Text numericOrStructural(Error e, String key, String where, JsonNode value, String shown) {
        String limit = arg(e, 0);
        switch (key) {
            case "minimum":
                return new Text(shown + " is less than the minimum " + limit, "Use a value of at least " + limit + " for " + where + ".");
            case "maximum":
                return new Text(shown + " is greater than the maximum " + limit, "Use a value of at most " + limit + " for " + where + ".");
            case "exclusiveMinimum":
                return new Text(shown + " must be greater than " + limit, "Use a value greater than " + limit + " for " + where + ".");
            case "exclusiveMaximum":
                return new Text(shown + " must be less than " + limit, "Use a value less than " + limit + " for " + where + ".");
            case "multipleOf":
                return new Text(shown + " is not a multiple of " + limit, "Use a multiple of " + limit + " for " + where + ".");
            case "minItems":
                return new Text("has " + arg(e, 1) + " items; at least " + limit + " required", "Give " + where + " at least " + limit + " items.");
            case "maxItems":
                return new Text("has " + arg(e, 1) + " items; at most " + limit + " allowed", "Give " + where + " at most " + limit + " items.");
            case "minProperties":
                return new Text("has " + value.size() + " properties; at least " + limit + " required", "Give " + objectAt(where) + " at least " + limit + " properties.");
            case "maxProperties":
                return new Text("has " + value.size() + " properties; at most " + limit + " allowed", "Give " + objectAt(where) + " at most " + limit + " properties.");
            case "uniqueItems":
                return new Text("has duplicate items", "Remove the duplicate items from " + where + ".");
            case "oneOf.indexes":
                return new Text("matches alternatives " + arg(e, 1) + " of oneOf but must match exactly one",
                        "Change " + where + " so that it matches exactly one of the alternatives.");
            case "oneOf":
            case "anyOf":
                return new Text("matches none of the " + key + " alternatives", "Change " + where + " so that it matches one of the alternatives.");
            case "not":
                return new Text("must not match " + show(e.getSchemaNode()), "Change " + where + " so that it does not match " + show(e.getSchemaNode()) + ".");
            case "false":
                return new Text("no value is allowed here", "Remove " + where + ".");
            case "items":
            case "additionalItems":
            case "unevaluatedItems":
                return new Text("item " + limit + " is not allowed: the array allows no more items",
                        "Remove the items of " + where + " from index " + limit + " on.");
            case "propertyNames":
                return new Text("property name '" + limit + "' is not valid: " + arg(e, 1),
                        "Rename the property '" + limit + "' in " + objectAt(where) + " so that its name is valid (" + arg(e, 1) + ").");
            case "dependentRequired":
                return new Text("property '" + limit + "' is required when '" + arg(e, 1) + "' is present",
                        "Add '" + limit + "' to " + objectAt(where) + ", or remove '" + arg(e, 1) + "'.");
            default:
                return new Text(e.getMessage(), "Change " + where + " so that it satisfies the schema keyword '"
                        + e.getKeyword() + "' (" + e.getMessage() + ").");
        }
    }

    private static Text type(Error e, String where, JsonNode value) {
        String expected = arg(e, 1);
        String words = expected.startsWith("[") ? "one of " + expected.substring(1, expected.length() - 1) : expected;
        String hint = "";
        if (value != null && value.isTextual()) {
            String t = value.textValue().strip();
            if ((expected.contains("number") || expected.contains("integer")) && t.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                hint = " (write " + t + ", not \"" + t + "\")";
            } else if (expected.contains("boolean") && (t.equals("true") || t.equals("false"))) {
                hint = " (write " + t + ", not \"" + t + "\")";
            }
        }
        String article = expected.startsWith("[") ? words : withArticle(expected);
        return new Text("expected " + words + ", got " + arg(e, 0) + " " + show(value), "Make " + where + " " + article + hint + ".");
    }

    private static Text length(Error e, String where, JsonNode value, boolean min) {
        int n = value != null && value.isTextual() ? value.textValue().codePointCount(0, value.textValue().length()) : -1;
        String limit = arg(e, 0);
        return new Text(show(value) + " is " + n + " characters long; " + (min ? "at least " : "at most ") + limit + " allowed",
                "Make " + where + " " + (min ? "at least " : "at most ") + limit + " characters long.");
    }

    private static String withArticle(String type) {
        switch (type) {
            case "integer":
                return "an integer (a whole number)";
            case "object":
            case "array":
                return "an " + type;
            case "null":
                return "null";
            default:
                return "a " + type;
        }
    }

    static String objectAt(String where) {
        return where.equals("/") ? "the top-level object" : "the object at " + where;
    }

    private static String property(Error e) {
        return e.getProperty() != null ? e.getProperty() : arg(e, 0);
    }

    private static String arg(Error e, int i) {
        Object[] args = e.getArguments();
        return args != null && i < args.length && args[i] != null ? String.valueOf(args[i]) : "?";
    }

    static String show(JsonNode node) {
        if (node == null) {
            return "(missing)";
        }
        String s = node.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
