package dev.arbiter.core.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the real provider bodies recorded in {@code shared/data/provider-fixtures}: a record by file and index,
 * or by the end of its {@code source}. The data folder comes from the system property {@code arbiter.data.dir}
 * (set by surefire), else {@code ../shared/data} beside the repository root.
 */
final class ProviderFixtures {

    static final String OPENAI = "openai_chat_recorded.jsonl";
    static final String ANTHROPIC = "anthropic_messages_recorded.jsonl";
    static final String ERRORS = "error_bodies_from_issues.jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProviderFixtures() {}

    /** One recorded exchange: status, headers, body text and content type. */
    record Recorded(JsonNode record) {

        int status() {
            return record.path("http_status").asInt(200);
        }

        String body() {
            JsonNode text = record.get("body_text");
            if (text != null) {
                return text.asText();
            }
            JsonNode body = record.get("body");
            return body.isTextual() ? body.asText() : body.toString();
        }

        JsonNode bodyJson() {
            return readTree(body());
        }

        String contentType() {
            JsonNode type = record.path("response_headers").get("content-type");
            if (type != null) {
                return type.asText();
            }
            return record.path("content_type").asText("application/json");
        }

        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            record.path("response_headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            headers.putIfAbsent("content-type", contentType());
            return headers;
        }
    }

    /** Returns the record at the index (0-based line) of the file. */
    static Recorded load(String file, int index) {
        List<JsonNode> records = records(file);
        if (index < 0 || index >= records.size()) {
            throw new IllegalArgumentException(file + " has " + records.size() + " records, no index " + index);
        }
        return new Recorded(records.get(index));
    }

    /** Returns the record whose {@code source} ends with the suffix. */
    static Recorded bySource(String file, String sourceSuffix) {
        for (JsonNode record : records(file)) {
            if (record.path("source").asText().endsWith(sourceSuffix)) {
                return new Recorded(record);
            }
        }
        throw new IllegalArgumentException(file + " has no record whose source ends with " + sourceSuffix);
    }

    static Path dataDir() {
        String configured = System.getProperty("arbiter.data.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("../shared/data").normalize();
            }
        }
        throw new IllegalStateException("shared/data not found: set -Darbiter.data.dir");
    }

    private static List<JsonNode> records(String file) {
        Path path = dataDir().resolve("provider-fixtures").resolve(file);
        try {
            List<JsonNode> records = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(MAPPER.readTree(line));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
