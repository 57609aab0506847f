package dev.arbiter.steering.constraint.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code $ref}s that point into the same document ({@code #} or {@code #/json/pointer}) and gives every
 * referenced schema a name under {@code $defs}. Not thread-safe: one instance per conversion.
 */
final class LocalRefs {

    private final JsonNode root;
    private final Map<String, String> names = new LinkedHashMap<>();

    LocalRefs(JsonNode root) {
        this.root = root;
    }

    /** Returns whether the ref points into this document by a JSON pointer (or is {@code #}). */
    static boolean isLocal(String ref) {
        return ref.equals("#") || ref.startsWith("#/");
    }

    /** Returns the JSON pointer of a local ref ({@code ""} for {@code #}). */
    static String pointer(String ref) {
        String fragment = ref.substring(1);
        if (fragment.indexOf('%') >= 0) {
            fragment = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return fragment;
    }

    /** Returns the schema a local pointer points to, or null. */
    @Nullable JsonNode resolve(String pointer) {
        if (pointer.isEmpty()) return root;
        try {
            JsonNode n = root.at(JsonPointer.compile(pointer));
            return n.isMissingNode() ? null : n;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Returns the {@code $defs} name for a pointer, naming it on first use. */
    String nameOf(String pointer) {
        String existing = names.get(pointer);
        if (existing != null) return existing;
        String base = pointer.matches("/(\\$defs|definitions)/[^/]+")
                ? unescape(pointer.substring(pointer.indexOf('/', 1) + 1))
                : pointer.substring(1);
        base = base.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (base.isEmpty()) base = "def";
        String name = base;
        for (int i = 2; names.containsValue(name); i++) name = base + "_" + i;
        names.put(pointer, name);
        return name;
    }

    /** Returns whether the pointer already has a name. */
    boolean named(String pointer) {
        return names.containsKey(pointer);
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
