package dev.arbiter.workflow.internal;

import dev.arbiter.core.CanonicalJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.ref.WeakReference;

/** JSON helpers of the workflow module. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    /** The last string this thread digested and its digest; the string held weakly. */
    private record LastString(WeakReference<String> value, String digest) {}

    /**
     * Per thread, the last string digested: a pipeline digests a step's input for its checkpoint key and the step
     * digests the same string again right after. Strings never change, so the same instance has the same digest.
     */
    private static final ThreadLocal<LastString[]> LAST_STRING = ThreadLocal.withInitial(() -> new LastString[1]);

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
            LastString[] last = LAST_STRING.get();
            LastString l = last[0];
            if (l != null && l.value().get() == s) {
                return l.digest();
            }
            String digest = CanonicalJson.sha256Hex(TextNode.valueOf(s)); // the tree Jackson makes of a string
            last[0] = new LastString(new WeakReference<>(s), digest);
            return digest;
        }
        return CanonicalJson.sha256Hex(MAPPER.valueToTree(value));
    }

    /** {@link #digest} through Jackson's tree for every value (tests compare the two). */
    static String digestThroughTree(Object value) {
        return CanonicalJson.sha256Hex(MAPPER.valueToTree(value));
    }
}
