package dev.arbiter.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a value bound from a model's output for what binding silently changes: numbers beyond the range of their
 * Java type (Jackson reads {@code 1e400} into a {@code double} as {@code Infinity}) and strings with an unpaired
 * UTF-16 surrogate (not Unicode: UTF-8 storage, digests and checkpoints would replace it, so a resumed run would
 * see another value than the one accepted). Iterative, so depth costs no stack. Stateless and thread-safe.
 */
public final class BoundValues {

    private BoundValues() {}

    /** Returns what is wrong with the bound tree, located by its JSON pointer, or empty when nothing is. */
    public static Optional<String> problem(JsonNode bound) {
        return anyProblem(bound) ? located(bound) : Optional.empty(); // pointers are built only for a problem
    }

    /** Whether {@link #located} finds a problem: the same checks on the same nodes, without building pointers. */
    static boolean anyProblem(JsonNode bound) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(bound);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isDouble() || node.isFloat()) {
                double d = node.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return true;
                }
            } else if (node.isTextual()) {
                if (unpairedSurrogate(node.textValue()) >= 0) {
                    return true;
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    todo.push(node.get(i));
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (unpairedSurrogate(field.getKey()) >= 0) {
                        return true;
                    }
                    todo.push(field.getValue());
                }
            }
        }
        return false;
    }

    /** The first problem in document order, located by its JSON pointer (the plain path, built for every node). */
    static Optional<String> located(JsonNode bound) {
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", bound));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> next = todo.pop();
            String at = next.getKey();
            JsonNode node = next.getValue();
            if (node.isDouble() || node.isFloat()) {
                double d = node.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return Optional.of(pointer(at) + " is out of the range of its Java type (it became " + d + ")");
                }
            } else if (node.isTextual()) {
                int i = unpairedSurrogate(node.textValue());
                if (i >= 0) {
                    return Optional.of(pointer(at) + " has an unpaired UTF-16 surrogate at character " + i
                            + ", which is not Unicode and cannot be stored or hashed faithfully");
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    todo.push(Map.entry(at + "/" + i, node.get(i)));
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String name = field.getKey();
                    int i = unpairedSurrogate(name);
                    if (i >= 0) {
                        return Optional.of("a property name at " + pointer(at) + " has an unpaired UTF-16 surrogate");
                    }
                    todo.push(Map.entry(at + "/" + name.replace("~", "~0").replace("/", "~1"), field.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the index of the first unpaired surrogate in {@code s}, or -1. */
    public static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String pointer(String at) {
        return at.isEmpty() ? "/" : at;
    }
}
