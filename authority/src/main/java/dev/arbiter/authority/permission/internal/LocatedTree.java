package dev.arbiter.authority.permission.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.authority.permission.PolicyFormatException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML or JSON document that remembers the line each value starts on (keyed by JSON pointer), so a policy
 * error can name its line. Duplicate keys are an error. Immutable after parsing.
 */
final class LocatedTree {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String source;
    final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedTree(String source, JsonNode root, Map<String, Integer> lines) {
        this.source = source;
        this.root = root;
        this.lines = lines;
    }

    /**
     * The most characters a file may have: far more than any policy needs. The YAML parser reads one long scalar in
     * time that grows faster than its length (a 5 MB string took 5–8 s of CPU), so a longer text is refused before
     * it is parsed.
     */
    static final int MAX_CHARS = 1 << 20;

    static LocatedTree parse(JsonFactory factory, String text, String source) {
        if (text.length() > MAX_CHARS) {
            int line = 1 + (int) text.substring(0, MAX_CHARS).chars().filter(c -> c == '\n').count();
            throw new PolicyFormatException(source, line, "the file has " + text.length()
                    + " characters, over the limit of " + MAX_CHARS + " for a policy file; it goes past the limit here");
        }
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            try {
                if (p.nextToken() == null) {
                    throw new PolicyFormatException(source, 0, "the file is empty");
                }
                JsonNode root = value(p, "", lines, source);
                return new LocatedTree(source, root, lines);
            } catch (JsonProcessingException e) {
                // a limit (nesting depth, string length) is reported without a location: the parser knows it
                JsonLocation l = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw new PolicyFormatException(source, l == null ? 0 : l.getLineNr(), "not valid "
                        + factory.getFormatName() + ": " + e.getOriginalMessage());
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new PolicyFormatException(source, l == null ? 0 : l.getLineNr(), "not valid "
                    + factory.getFormatName() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PolicyFormatException(source, 0, "cannot be read: " + e.getMessage());
        }
    }

    /** Returns the line of the value at the pointer, or of the nearest enclosing value. */
    int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    PolicyFormatException error(String pointer, String reason) {
        return new PolicyFormatException(source, line(pointer), reason);
    }

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode value(JsonParser p, String pointer, Map<String, Integer> lines, String source)
            throws IOException {
        lines.put(pointer, p.currentTokenLocation().getLineNr());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String name = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                if (o.has(name)) {
                    throw new PolicyFormatException(source, keyLine, "key '" + name + "' appears twice");
                }
                p.nextToken();
                o.set(name, value(p, child(pointer, name), lines, source));
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            var a = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(value(p, pointer + "/" + i++, lines, source));
            }
            return a;
        }
        return MAPPER.readTree(p);
    }
}
