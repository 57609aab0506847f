package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One object of a configuration file (a suite file) with typed accessors whose errors name the file and the
 * member's path, e.g. {@code suite.yaml: /scorers/2/threshold: must be a number between 0 and 1}. Immutable.
 *
 * @param file the file, for error messages
 * @param path the JSON Pointer of this object in the file
 * @param node the object
 */
public record Config(Path file, String path, JsonNode node) {

    /** Returns the root of a file's tree, which must be an object. */
    public static Config root(Path file, JsonNode node) {
        Config c = new Config(file, "", node);
        if (!node.isObject()) {
            throw c.error("", "must be a mapping");
        }
        return c;
    }

    /** Returns an error naming the file and the member's path. */
    public IllegalArgumentException error(String member, String reason) {
        String at = member.isEmpty() ? (path.isEmpty() ? "/" : path) : path + "/" + member;
        return new IllegalArgumentException(file + ": " + at + ": " + reason);
    }

    /** Fails when the object has a member not in {@code known}. */
    public Config only(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw error(name, "unknown member (expected one of " + new TreeSet<>(known) + ")");
            }
        }
        return this;
    }

    /** Returns whether the member is present and not null. */
    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    private JsonNode required(String name) {
        if (!has(name)) {
            throw error(name, "missing");
        }
        return node.get(name);
    }

    /** Returns the member as a non-blank string. */
    public String text(String name) {
        JsonNode v = required(name);
        if (!(v.isTextual() || v.isNumber()) || Json.text(v).isBlank()) {
            throw error(name, "must be a non-blank string");
        }
        return Json.text(v);
    }

    /** Returns the member as a string, or the default when absent. */
    public String text(String name, String otherwise) {
        return has(name) ? text(name) : otherwise;
    }

    /** Returns the member as a string, or null when absent. */
    public @Nullable String optionalText(String name) {
        return has(name) ? text(name) : null;
    }

    /** Returns the member as an int in the range, or the default when absent. */
    public int integer(String name, int otherwise, int min, int max) {
        if (!has(name)) {
            return otherwise;
        }
        JsonNode v = node.get(name);
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw error(name, "must be an integer from " + min + " to " + max + ", was " + v);
        }
        return v.intValue();
    }

    /** Returns the member as a number in the range, or the default when absent. */
    public double number(String name, double otherwise, double min, double max) {
        if (!has(name)) {
            return otherwise;
        }
        JsonNode v = node.get(name);
        if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
            throw error(name, "must be a number from " + min + " to " + max + ", was " + v);
        }
        return v.doubleValue();
    }

    /** Returns the member as a boolean, or the default when absent. */
    public boolean bool(String name, boolean otherwise) {
        if (!has(name)) {
            return otherwise;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw error(name, "must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    /** Returns the member as a nested object. */
    public Config object(String name) {
        JsonNode v = required(name);
        if (!v.isObject()) {
            throw error(name, "must be a mapping");
        }
        return new Config(file, path + "/" + name, v);
    }

    /** Returns the member as a nested object, or an empty one when absent. */
    public Config objectOrEmpty(String name) {
        return has(name) ? object(name) : new Config(file, path + "/" + name, Json.MAPPER.createObjectNode());
    }

    /** Returns the member as a list of objects. */
    public List<Config> objects(String name) {
        JsonNode v = required(name);
        if (!v.isArray()) {
            throw error(name, "must be a list");
        }
        List<Config> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw error(name + "/" + i, "must be a mapping");
            }
            out.add(new Config(file, path + "/" + name + "/" + i, v.get(i)));
        }
        return out;
    }

    /** Returns the member as a list of non-blank strings, or an empty list when absent. */
    public List<String> texts(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw error(name, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).textValue().isEmpty()) {
                throw error(name + "/" + i, "must be a non-empty string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** Returns the members of this object as configs or values, in order. */
    public Iterator<Map.Entry<String, JsonNode>> members() {
        return node.fields();
    }

    /** Returns a path in the member resolved against the file's directory. */
    public Path path(String name) {
        Path p = Path.of(text(name));
        Path base = file.toAbsolutePath().getParent();
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }
}
