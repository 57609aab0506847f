package dev.arbiter.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The members in which two JSON values differ, as JSON pointers with both values; numbers compare by their
 * canonical form, so {@code 1} and {@code 1.0} do not differ.
 */
final class JsonDiff {

    private static final int MAX_VALUE_LENGTH = 60;

    private JsonDiff() {}

    /**
     * One differing member.
     *
     * @param path the JSON pointer of the member, e.g. {@code /messages/1/text}
     * @param recorded the recorded value, or {@code null} when the recorded side has no such member
     * @param requested the requested value, or {@code null} when the requested side has no such member
     */
    record Difference(String path, @Nullable JsonNode recorded, @Nullable JsonNode requested) {
        String describe() {
            return (path.isEmpty() ? "/" : path) + ": recorded " + show(recorded) + ", requested " + show(requested);
        }

        private static String show(@Nullable JsonNode value) {
            if (value == null) {
                return "absent";
            }
            String s = CanonicalJson.write(value);
            return s.length() <= MAX_VALUE_LENGTH ? s : s.substring(0, MAX_VALUE_LENGTH - 3) + "...";
        }
    }

    /** Returns every differing member, in document order (object members by name). */
    static List<Difference> between(JsonNode recorded, JsonNode requested) {
        List<Difference> out = new ArrayList<>();
        diff("", recorded, requested, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.properties().forEach(e -> names.add(e.getKey()));
            b.properties().forEach(e -> names.add(e.getKey()));
            for (String name : names) {
                child(path + "/" + escape(name), a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                child(path + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (!CanonicalJson.write(a).equals(CanonicalJson.write(b))) {
            out.add(new Difference(path, a, b));
        }
    }

    private static void child(String path, @Nullable JsonNode a, @Nullable JsonNode b, List<Difference> out) {
        if (a == null || b == null) {
            out.add(new Difference(path, a, b));
        } else {
            diff(path, a, b, out);
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** Returns a summary of at most {@code limit} differences, saying how many more there are. */
    static String describe(List<Difference> differences, int limit) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(limit, differences.size()); i++) {
            s.append(i == 0 ? "" : "; ").append(differences.get(i).describe());
        }
        if (differences.size() > limit) {
            s.append("; and ").append(differences.size() - limit).append(" more");
        }
        return s.toString();
    }
}
