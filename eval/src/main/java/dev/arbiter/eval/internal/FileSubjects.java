package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.eval.EvalSubject;
import dev.arbiter.eval.GoldenCase;
import dev.arbiter.eval.GoldenSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The subjects a suite file can name: a prompt replayed from cassettes, or outputs recorded per case. */
public final class FileSubjects {

    private FileSubjects() {}

    /**
     * Returns a subject that sends one request per case (an optional system message and the rendered prompt, with
     * the optional parameters and response schema) and returns the generation's text.
     */
    public static EvalSubject<JsonNode, Object> prompt(@Nullable String system, Template prompt,
            @Nullable Double temperature, @Nullable Integer maxOutputTokens, @Nullable ResponseSchema schema) {
        return (input, generator) -> {
            GenerationRequest.Builder request = GenerationRequest.builder();
            if (system != null) {
                request.addMessage(Message.system(system));
            }
            request.addMessage(Message.user(prompt.render(input)))
                    .temperature(temperature)
                    .maxOutputTokens(maxOutputTokens)
                    .responseSchema(schema);
            return generator.generate(request.build()).text();
        };
    }

    /**
     * Returns a subject that answers each case with the output recorded for its id in a JSON Lines file of
     * {@code {"id": ..., "output": ...}} lines.
     *
     * @throws IllegalArgumentException naming the file and line of a bad line, a case without an output, or two
     *     cases with the same input but different outputs
     */
    public static EvalSubject<JsonNode, Object> outputs(Path file, GoldenSet<JsonNode, JsonNode> set) {
        Map<String, JsonNode> byId = readOutputs(file);
        Map<String, JsonNode> byInput = new HashMap<>();
        for (GoldenCase<JsonNode, JsonNode> c : set.cases()) {
            JsonNode output = byId.get(c.id());
            if (output == null) {
                throw new IllegalArgumentException(file + ": no output for case '" + c.id() + "'");
            }
            JsonNode earlier = byInput.putIfAbsent(CanonicalJson.write(c.input()), output);
            if (earlier != null && !earlier.equals(output)) {
                throw new IllegalArgumentException(file + ": case '" + c.id() + "' has the same input as an earlier"
                        + " case but a different output; recorded outputs are matched by input");
            }
        }
        return (input, generator) -> {
            JsonNode output = byInput.get(CanonicalJson.write(input));
            if (output == null) {
                throw new IllegalStateException("no recorded output for input " + Text.preview(Json.text(input), 80));
            }
            return output.isTextual() ? output.textValue() : output;
        };
    }

    private static Map<String, JsonNode> readOutputs(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read outputs " + file, e);
        }
        Map<String, JsonNode> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = Json.parse(lines.get(i), "the line");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            if (!line.path("id").isTextual() || !line.has("output") || line.size() != 2) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": a line must be {\"id\": \"...\", \"output\": ...}");
            }
            if (out.put(line.get("id").textValue(), line.get("output")) != null) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": duplicate id '" + line.get("id").textValue()
                        + "'");
            }
        }
        return out;
    }
}
