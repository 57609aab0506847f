package dev.arbiter.authority.permission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.Digests;
import dev.arbiter.core.ToolCall;
import java.lang.ref.WeakReference;
import java.util.Optional;

/**
 * The canonical form and digest of a tool call: what an approval binds to.
 *
 * <p>The canonical form is the {@link CanonicalJson canonical JSON} of {@code {"name": …, "arguments": …}} with the
 * arguments parsed (so key order and number spelling do not matter); arguments that are not valid JSON are kept as
 * their text. The provider's call id is left out: the same call proposed twice has the same digest. Stateless and
 * thread-safe.
 */
public final class ToolCalls {

    private ToolCalls() {}

    /** Returns the canonical JSON form of the call. */
    public static String canonical(ToolCall call) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", call.name());
        Optional<JsonNode> args = call.parsedArguments();
        if (args.isPresent()) {
            node.set("arguments", args.get());
        } else {
            node.put("arguments", call.arguments());
        }
        return CanonicalJson.write(node);
    }

    /**
     * The last call each thread digested (weakly: nothing is kept alive) and its digest: one call's digest is asked
     * for several times in a row (by the tool loop's journal, the gateway, the journal again), and a call is
     * immutable, so the same object has the same digest.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    /** Returns the SHA-256 (lower-case hex) of the call's canonical form. */
    public static String digest(ToolCall call) {
        Object[] last = LAST.get();
        Object known = last[0];
        if (known != null && ((WeakReference<?>) known).get() == call) {
            return (String) last[1];
        }
        String digest = Digests.sha256Hex(canonical(call));
        last[0] = new WeakReference<>(call);
        last[1] = digest;
        return digest;
    }
}
