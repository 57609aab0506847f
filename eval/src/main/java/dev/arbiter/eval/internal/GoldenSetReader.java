package dev.arbiter.eval.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.arbiter.core.Digests;
import dev.arbiter.eval.GoldenCase;
import dev.arbiter.eval.GoldenSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads golden set files: JSON Lines and YAML. Every error names the file, the line and the reason.
 * Stateless and thread-safe.
 */
public final class GoldenSetReader {

    private static final Set<String> CASE_MEMBERS = Set.of("id", "input", "expected", "tags");
    private static final Set<String> HEADER_MEMBERS = Set.of("name", "version", "description");

    private GoldenSetReader() {}

    /** Reads the file, choosing the format by its extension. */
    public static GoldenSet<JsonNode, JsonNode> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden set " + file, e);
        }
        String fileName = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (fileName.endsWith(".jsonl")) {
            return jsonLines(file, text);
        }
        if (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) {
            return yaml(file, text);
        }
        throw new IllegalArgumentException("golden set " + file + " must end in .jsonl, .yaml or .yml");
    }

    private static GoldenSet<JsonNode, JsonNode> jsonLines(Path file, String text) {
        String name = baseName(file);
        String version = null;
        List<GoldenCase<JsonNode, JsonNode>> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = Json.parseStrict(lines[i], "the line");
            } catch (IllegalArgumentException e) {
                throw error(file, number, e.getMessage());
            }
            if (json.isObject() && json.has("goldenSet")) {
                if (!cases.isEmpty() || version != null) {
                    throw error(file, number, "the goldenSet header must be the first line");
                }
                JsonNode header = json.get("goldenSet");
                checkHeader(file, number, json, header);
                name = header.path("name").isMissingNode() ? name : header.get("name").textValue();
                version = header.path("version").isMissingNode() ? null : Json.text(header.get("version"));
                continue;
            }
            cases.add(goldenCase(file, number, json, seen));
        }
        return build(file, name, version, cases, text);
    }

    private static void checkHeader(Path file, int line, JsonNode json, JsonNode header) {
        if (json.size() != 1) {
            throw error(file, line, "the header line must hold only 'goldenSet'");
        }
        if (!header.isObject()) {
            throw error(file, line, "'goldenSet' must be an object with 'name' and 'version'");
        }
        unknownMembers(file, line, header, HEADER_MEMBERS, "the header");
        if (header.has("name") && !(header.get("name").isTextual() && !header.get("name").textValue().isBlank())) {
            throw error(file, line, "'goldenSet.name' must be a non-blank string");
        }
        if (header.has("version") && !(header.get("version").isTextual() || header.get("version").isNumber())) {
            throw error(file, line, "'goldenSet.version' must be a string or a number");
        }
    }

    private static GoldenSet<JsonNode, JsonNode> yaml(Path file, String text) {
        String name = baseName(file);
        String version = null;
        List<GoldenCase<JsonNode, JsonNode>> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean sawCases = false;
        int mappingLine = 1;
        try (JsonParser p = Json.YAML.getFactory().createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(file, line(p), "a YAML golden set must be a mapping with 'name', 'version' and 'cases'");
            }
            mappingLine = line(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int fieldLine = line(p);
                JsonToken value = p.nextToken();
                if (field.equals("cases")) {
                    sawCases = true;
                    if (value != JsonToken.START_ARRAY) {
                        throw error(file, fieldLine, "'cases' must be a list");
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        int caseLine = line(p);
                        JsonNode node = p.readValueAsTree();
                        cases.add(goldenCase(file, caseLine, node == null ? NullNode.getInstance() : node, seen));
                    }
                } else if (field.equals("name") || field.equals("version") || field.equals("description")) {
                    JsonNode node = p.readValueAsTree();
                    if (!(node != null && (node.isTextual() || node.isNumber()) && !Json.text(node).isBlank())) {
                        throw error(file, fieldLine, "'" + field + "' must be a non-blank string");
                    }
                    if (field.equals("name")) {
                        name = Json.text(node);
                    } else if (field.equals("version")) {
                        version = Json.text(node);
                    }
                } else {
                    throw error(file, fieldLine, "unknown member '" + field + "' (expected name, version, description,"
                            + " cases)");
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw error(file, at == null ? 0 : at.getLineNr(), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden set " + file, e);
        }
        if (!sawCases) {
            throw error(file, mappingLine, "a YAML golden set needs a 'cases' list");
        }
        return build(file, name, version, cases, text);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static GoldenCase<JsonNode, JsonNode> goldenCase(Path file, int line, JsonNode json,
            Map<String, Integer> seen) {
        if (!json.isObject()) {
            throw error(file, line, "a case must be an object with 'id' and 'input', was " + json.getNodeType());
        }
        JsonNode id = json.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || Json.text(id).isBlank()) {
            throw error(file, line, "a case needs a non-blank string 'id'");
        }
        String caseId = Json.text(id);
        unknownMembers(file, line, json, CASE_MEMBERS, "case '" + caseId + "'");
        Integer earlier = seen.putIfAbsent(caseId, line);
        if (earlier != null) {
            throw error(file, line, "duplicate case id '" + caseId + "' (first on line " + earlier + ")");
        }
        JsonNode input = json.get("input");
        if (input == null) {
            throw error(file, line, "case '" + caseId + "' has no 'input'");
        }
        JsonNode expected = json.has("expected") ? json.get("expected") : NullNode.getInstance();
        return new GoldenCase<>(caseId, input, expected, tags(file, line, caseId, json.get("tags")));
    }

    private static List<String> tags(Path file, int line, String caseId, @Nullable JsonNode tags) {
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw error(file, line, "case '" + caseId + "': 'tags' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : tags) {
            if (!t.isTextual() || t.textValue().isBlank()) {
                throw error(file, line, "case '" + caseId + "': every tag must be a non-blank string, found " + t);
            }
            if (out.contains(t.textValue())) {
                throw error(file, line, "case '" + caseId + "': tag '" + t.textValue() + "' is repeated");
            }
            out.add(t.textValue());
        }
        return out;
    }

    private static void unknownMembers(Path file, int line, JsonNode json, Set<String> known, String what) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (!known.contains(n)) {
                throw error(file, line, what + " has an unknown member '" + n + "' (expected one of "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static GoldenSet<JsonNode, JsonNode> build(Path file, String name, @Nullable String version,
            List<GoldenCase<JsonNode, JsonNode>> cases, String text) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(file + ": the golden set has no cases");
        }
        String v = version != null ? version : "sha256:" + Digests.sha256Hex(text).substring(0, 12);
        return GoldenSet.of(name, v, cases);
    }

    private static String baseName(Path file) {
        String n = String.valueOf(file.getFileName());
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static IllegalArgumentException error(Path file, int line, String reason) {
        return new IllegalArgumentException(file + ":" + line + ": " + reason);
    }
}
