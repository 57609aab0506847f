package dev.arbiter.steering.context.internal;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.context.TokenCounter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenCounter} over one jtokkit encoding. Thread-safe (jtokkit encodings are).
 */
public final class JtokkitTokenCounter implements TokenCounter {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    /** The o200k_base counter. */
    public static final JtokkitTokenCounter O200K_BASE = new JtokkitTokenCounter(EncodingType.O200K_BASE);
    /** The cl100k_base counter. */
    public static final JtokkitTokenCounter CL100K_BASE = new JtokkitTokenCounter(EncodingType.CL100K_BASE);

    /** Model id prefixes (after any provider prefix) that use o200k_base. */
    private static final List<String> O200K_PREFIXES =
            List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-oss", "o1", "o3", "o4");

    /** At most this many fixed texts are remembered per encoding; past it they are counted each time. */
    static final int MAX_FIXED = 4_096;

    private final EncodingType type;
    private final Encoding encoding;
    private final ConcurrentHashMap<String, Integer> fixed = new ConcurrentHashMap<>();

    private JtokkitTokenCounter(EncodingType type) {
        this.type = type;
        this.encoding = REGISTRY.getEncoding(type);
    }

    /** Returns the counter for the model's family: o200k_base or cl100k_base (exact or approximate). */
    public static JtokkitTokenCounter forModel(String modelId) {
        return encodingFor(modelId) == EncodingType.O200K_BASE ? O200K_BASE : CL100K_BASE;
    }

    /** Returns the encoding used for the model id; cl100k_base for every family not known to use o200k_base. */
    static EncodingType encodingFor(String modelId) {
        String id = modelId.strip().toLowerCase(Locale.ROOT);
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
            id = id.substring(slash + 1);
        }
        for (String prefix : O200K_PREFIXES) {
            if (id.startsWith(prefix) && isFamilyEnd(id, prefix.length())) {
                return EncodingType.O200K_BASE;
            }
        }
        return EncodingType.CL100K_BASE;
    }

    /** True when the prefix ends the id or is not followed by a digit ("o1-mini", "gpt-5.1" match; "o10" does not). */
    private static boolean isFamilyEnd(String id, int at) {
        return at == id.length() || !Character.isDigit(id.charAt(at));
    }

    @Override
    public int count(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /**
     * Returns the count of one of the context layout's fixed texts (the standing instruction and closing line with
     * the reference boundary, separators, short punctuation runs with line ends), remembered for the life of the
     * counter whatever the assembler's cache size: they are facts of the encoding, not of any content, and a
     * fresh assembly would otherwise count them again on every call. At most {@value #MAX_FIXED} are kept.
     */
    int countFixed(String text) {
        Integer known = fixed.get(text);
        if (known != null) {
            return known;
        }
        int n = count(text);
        if (fixed.size() < MAX_FIXED) {
            fixed.putIfAbsent(text, n);
        }
        return n;
    }

    @Override
    public String name() {
        return type.getName();
    }

    @Override
    public String toString() {
        return "JtokkitTokenCounter[" + type.getName() + "]";
    }
}
