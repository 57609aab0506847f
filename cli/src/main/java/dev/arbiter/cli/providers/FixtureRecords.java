package dev.arbiter.cli.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads provider-fixture records: JSONL files of recorded provider responses, one record a line.
 *
 * <p>A record has {@code provider}, {@code http_status}, a {@code body} (JSON, or a string for streams) or a
 * {@code body_text}, and optionally {@code endpoint} ({@code POST /v1/messages (stream=true)}),
 * {@code content_type}, {@code response_headers} and {@code tags}. Records without an endpoint are served on
 * the provider's chat endpoint. A line that is not such a record fails the load with the file and line.
 */
final class FixtureRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FixtureRecords() {}

    /** The files a folder holds that are not record files and are therefore not read, with the reason. */
    static Map<Path, String> ignoredFiles(Path dirOrFile) throws IOException {
        Map<Path, String> ignored = new LinkedHashMap<>();
        if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> files = Files.list(dirOrFile)) {
                files.sorted().filter(p -> !isRecordFile(p)).forEach(p -> ignored.put(p, "not a .jsonl record file"));
            }
        }
        return ignored;
    }

    /** Loads every record of a .jsonl file, or of every .jsonl file in a folder (sorted by name). */
    static List<FixtureRecord> load(Path dirOrFile) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> list = Files.list(dirOrFile)) {
                list.filter(FixtureRecords::isRecordFile).sorted().forEach(files::add);
            }
        } else if (Files.isRegularFile(dirOrFile)) {
            files.add(dirOrFile);
        } else {
            throw new IOException("no such file or folder: " + dirOrFile);
        }
        List<FixtureRecord> records = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    records.add(parse(file.getFileName().toString(), i + 1, lines.get(i)));
                }
            }
        }
        return records;
    }

    private static boolean isRecordFile(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl");
    }

    static FixtureRecord parse(String file, int line, String text) {
        JsonNode r;
        try {
            r = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + line + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (r == null || !r.isObject()) {
            throw new IllegalArgumentException(file + ":" + line + ": a record must be a JSON object");
        }
        String where = file + ":" + line + ": ";
        String provider = required(r, "provider", where).asText();
        int status = required(r, "http_status", where).asInt();
        String[] endpoint = endpoint(r, provider, where);
        String body = body(r, where);
        Map<String, String> headers = headers(r);
        String contentType = headers.getOrDefault("content-type", "");
        boolean streaming = contentType.contains("event-stream")
                || r.path("endpoint").asText().contains("stream=true")
                || looksLikeEventStream(body);
        if (contentType.isEmpty()) {
            headers.put("content-type", streaming ? "text/event-stream" : "application/json");
        }
        List<String> tags = new ArrayList<>();
        r.path("tags").forEach(t -> tags.add(t.asText()));
        String source = r.hasNonNull("source") ? r.get("source").asText() : r.path("source_url").asText(file + ":" + line);
        return new FixtureRecord(file, line, source, provider, endpoint[0], endpoint[1], status, headers, body,
                streaming, tags, r);
    }

    private static JsonNode required(JsonNode r, String name, String where) {
        JsonNode v = r.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + "missing '" + name + "'");
        }
        return v;
    }

    private static String[] endpoint(JsonNode r, String provider, String where) {
        String endpoint = r.path("endpoint").asText("");
        if (endpoint.isBlank()) {
            return new String[] {"POST", provider.startsWith("anthropic") ? "/v1/messages" : "/v1/chat/completions"};
        }
        String[] parts = endpoint.trim().split("\\s+");
        if (parts.length < 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException(where + "endpoint must look like 'POST /v1/path', was '" + endpoint + "'");
        }
        return new String[] {parts[0].toUpperCase(Locale.ROOT), parts[1]};
    }

    private static String body(JsonNode r, String where) {
        JsonNode body = r.has("body") ? r.get("body") : r.get("body_text");
        if (body == null || body.isNull()) {
            throw new IllegalArgumentException(where + "missing 'body' or 'body_text'");
        }
        return body.isTextual() ? body.textValue() : body.toString();
    }

    private static Map<String, String> headers(JsonNode r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("response_headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText());
        }
        if (r.hasNonNull("content_type")) {
            headers.put("content-type", r.get("content_type").asText());
        }
        return headers;
    }

    private static boolean looksLikeEventStream(String body) {
        String head = body.stripLeading();
        return head.startsWith("event:") || head.startsWith("data:");
    }
}
