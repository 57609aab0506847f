package dev.arbiter.workflow.internal;

import dev.arbiter.core.CanonicalJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/** JSON helpers of the workflow module. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private Json() {}

    /** Returns the text inside a single Markdown code fence, or the text itself. */
    public static String stripFence(String text) {
        String t = text.strip();
        if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) {
            int firstLine = t.indexOf('\n');
            if (firstLine > 0 && firstLine < t.length() - 3) {
                return t.substring(firstLine + 1, t.length() - 3).strip();
            }
        }
        return text;
    }

    /** Returns the SHA-256 of the canonical JSON form of {@code value}. */
    public static String digest(Object value) {
        if (value instanceof String s) {
            return CanonicalJson.sha256Hex(TextNode.valueOf(s)); // the tree Jackson makes of a string, without Jackson
        }
        return CanonicalJson.sha256Hex(MAPPER.valueToTree(value));
    }

    /** {@link #digest} through Jackson's tree for every value (tests compare the two). */
    static String digestThroughTree(Object value) {
        return CanonicalJson.sha256Hex(MAPPER.valueToTree(value));
    }
}
