package dev.arbiter.steering.intent.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.steering.intent.ContractFormatException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML or JSON document that remembers where each value started, so errors can name the line.
 * Locations are keyed by JSON pointer; the location of a member's key is keyed by its pointer plus {@code #key}.
 * Duplicate keys are an error. Not thread-safe while reading; immutable afterwards.
 */
final class LocatedTree {

    /** A 1-based line and column. */
    record Loc(int line, int column) {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    final String source;
    final JsonNode root;
    private final Map<String, Loc> locations;

    private LocatedTree(String source, JsonNode root, Map<String, Loc> locations) {
        this.source = source;
        this.root = root;
        this.locations = locations;
    }

    /**
     * The most characters a file may have: far more than any contract needs. The YAML parser reads one long scalar in
     * time that grows faster than its length (a 5 MB string took 5–8 s of CPU), so a longer text is refused before
     * it is parsed.
     */
    static final int MAX_CHARS = 1 << 20;

    static LocatedTree parse(JsonFactory factory, String text, String source) {
        if (text.length() > MAX_CHARS) {
            int[] at = lineAndColumn(text, MAX_CHARS);
            throw new ContractFormatException(source, at[0], at[1], "the file has " + text.length() + " characters, over the limit of "
                    + MAX_CHARS + " for a contract file; it goes past the limit here");
        }
        Map<String, Loc> locations = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            try {
                if (p.nextToken() == null) {
                    throw new ContractFormatException(source, 0, 0, "the file is empty");
                }
                JsonNode root = value(p, "", locations, source);
                JsonToken extra = p.nextToken();
                if (extra != null) {
                    Loc at = loc(p.currentTokenLocation());
                    throw new ContractFormatException(source, at.line(), at.column(),
                            "unexpected content after the contract (one contract per file)");
                }
                return new LocatedTree(source, root, locations);
            } catch (JsonProcessingException e) {
                // a limit (nesting depth, string length) is reported without a location: the parser knows it
                JsonLocation l = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw new ContractFormatException(source, l == null ? 0 : l.getLineNr(),
                        l == null ? 0 : l.getColumnNr(), "not valid "
                        + (factory.getFormatName() == null ? "text" : factory.getFormatName()) + ": "
                        + e.getOriginalMessage());
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new ContractFormatException(source, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid " + (factory.getFormatName() == null ? "text" : factory.getFormatName()) + ": "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContractFormatException(source, 0, 0, "cannot be read: " + e.getMessage());
        }
    }

    /** Returns where the value at the pointer starts, or the nearest enclosing value's location. */
    Loc at(String pointer) {
        String p = pointer;
        while (true) {
            Loc l = locations.get(p);
            if (l != null) return l;
            if (p.isEmpty()) return new Loc(0, 0);
            int slash = p.lastIndexOf('/');
            p = slash < 0 ? "" : p.substring(0, slash);
        }
    }

    /** Returns where the key of the member at the pointer starts. */
    Loc keyAt(String pointer) {
        Loc l = locations.get(pointer + "#key");
        return l != null ? l : at(pointer);
    }

    ContractFormatException error(String pointer, String reason) {
        Loc l = at(pointer);
        return new ContractFormatException(source, l.line(), l.column(), reason);
    }

    ContractFormatException keyError(String pointer, String reason) {
        Loc l = keyAt(pointer);
        return new ContractFormatException(source, l.line(), l.column(), reason);
    }

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode value(JsonParser p, String pointer, Map<String, Loc> locations, String source)
            throws IOException {
        locations.put(pointer, loc(p.currentTokenLocation()));
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = F.objectNode();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    String childPointer = child(pointer, name);
                    Loc keyLoc = loc(p.currentTokenLocation());
                    if (o.has(name)) {
                        Loc first = locations.get(childPointer + "#key");
                        throw new ContractFormatException(source, keyLoc.line(), keyLoc.column(), "key '" + name
                                + "' appears twice" + (first == null ? "" : " (first on line " + first.line() + ")"));
                    }
                    locations.put(childPointer + "#key", keyLoc);
                    p.nextToken();
                    o.set(name, value(p, childPointer, locations, source));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = F.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, pointer + "/" + i++, locations, source));
                }
                return a;
            }
            case VALUE_STRING:
                return F.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return F.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return F.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return F.booleanNode(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return F.nullNode();
            default:
                Loc l = loc(p.currentTokenLocation());
                throw new ContractFormatException(source, l.line(), l.column(), "unsupported content " + t);
        }
    }

    private static Loc loc(JsonLocation l) {
        return new Loc(l.getLineNr(), l.getColumnNr());
    }

    /** The 1-based line and column of the character at {@code index}. */
    private static int[] lineAndColumn(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }
}
