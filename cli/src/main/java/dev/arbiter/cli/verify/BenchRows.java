package dev.arbiter.cli.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads JSONSchemaBench rows from a {@code .jsonl.gz} or {@code .jsonl} file, or every such file in a folder. */
final class BenchRows {

    /** Reads numbers exactly (12345.0 stays 12345.0), so an instance is written back as it was labelled. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private BenchRows() {}

    /** Returns the data files at the path: the file itself, or the folder's files sorted by name. */
    static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz") || p.getFileName().toString().endsWith(".jsonl"))
                    .sorted().toList();
        }
    }

    /** Calls the consumer with each row of the file, in order. */
    static void read(Path file, Consumer<BenchRow> consumer) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    consumer.accept(row(MAPPER.readTree(line), file, number));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static BenchRow row(JsonNode json, Path file, int line) {
        JsonNode tests = json.path("tests");
        if (!json.path("schema").isObject() && !json.path("schema").isBoolean() || !tests.isArray()) {
            throw new IllegalArgumentException(file + " line " + line
                    + ": not a JSONSchemaBench row (needs 'schema' and a 'tests' array)");
        }
        List<String> features = new ArrayList<>();
        json.path("features").forEach(f -> features.add(f.asText()));
        List<BenchRow.Test> parsed = new ArrayList<>();
        for (JsonNode t : tests) {
            if (!t.path("valid").isBoolean() || !t.has("data")) {
                throw new IllegalArgumentException(file + " line " + line + ": a test needs 'valid' and 'data'");
            }
            parsed.add(new BenchRow.Test(t.get("valid").booleanValue(), t.get("data"), t.path("description").asText("")));
        }
        String id = json.path("id").asText(file.getFileName() + ":" + line);
        return new BenchRow(id, json.path("category").asText("(none)"), features, json.get("schema"), parsed);
    }
}
