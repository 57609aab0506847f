package dev.arbiter.steering.intent.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON value kinds in the words a person who writes YAML uses. Thread-safe. */
final class Kinds {

    private Kinds() {}

    static String describe(JsonNode v) {
        if (v.isObject()) return "a mapping (key: value pairs)";
        if (v.isArray()) return "a list";
        if (v.isTextual()) return "text";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "true/false";
        if (v.isNull()) return "empty";
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the text of a string or number value (numbers as written, e.g. {@code 1.10}). */
    static String text(JsonNode v) {
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber()) return v.bigIntegerValue().toString();
        return v.decimalValue().toPlainString();
    }

    /** Returns the last segment of a JSON pointer, for messages. */
    static String name(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return (slash < 0 ? pointer : pointer.substring(slash + 1)).replace("~1", "/").replace("~0", "~");
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
