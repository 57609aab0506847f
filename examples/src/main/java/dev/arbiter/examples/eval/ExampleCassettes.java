package dev.arbiter.examples.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.Usage;
import dev.arbiter.core.testing.CassetteRecorder;
import dev.arbiter.eval.GoldenCase;
import dev.arbiter.eval.GoldenSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the hand-written outputs of the example's two "model versions" ({@code outputs/model-*.yaml}) into
 * cassettes ({@code cassettes/model-*.jsonl}) that the suite files replay.
 *
 * <p>No model produced these outputs: they were written by hand to look like what extraction models return,
 * including typical mistakes. A cassette line carries the SHA-256 digest of the exact request, so it cannot be
 * typed by hand; this class builds, for every golden case, the request the suite's {@code cassette} subject sends
 * (the suite's {@code system} message, its {@code prompt} with {@code {{input.text}}} filled in, temperature 0) and
 * records the hand-written output for it through {@link CassetteRecorder}. Token counts are estimated at four
 * characters per token.
 *
 * <pre>
 * java -cp examples/target/classes:... dev.arbiter.examples.eval.ExampleCassettes examples/eval/invoices
 * </pre>
 *
 * (The test {@code ExampleCassettesTest} checks that the committed cassettes are what this class writes.)
 */
public final class ExampleCassettes {

    private static final ObjectMapper YAML = new YAMLMapper();

    private ExampleCassettes() {}

    /** Writes {@code cassettes/model-a.jsonl} and {@code cassettes/model-b.jsonl} under the example directory. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/eval/invoices");
        for (String model : new String[] {"model-a", "model-b"}) {
            write(dir, model, dir.resolve("cassettes/" + model + ".jsonl"));
        }
    }

    /** Writes the cassette of one model version to the file, replacing it. */
    public static void write(Path dir, String model, Path cassette) throws IOException {
        JsonNode suite = YAML.readTree(dir.resolve("suite-" + model + ".yaml").toFile());
        JsonNode outputs = YAML.readTree(dir.resolve("outputs/" + model + ".yaml").toFile());
        String system = suite.at("/subject/system").textValue();
        String prompt = suite.at("/subject/prompt").textValue();
        String modelId = outputs.get("model").textValue();
        GoldenSet<JsonNode, JsonNode> set = GoldenSet.load(dir.resolve(suite.get("goldenSet").textValue()));
        Files.deleteIfExists(cassette);
        for (GoldenCase<JsonNode, JsonNode> c : set.cases()) {
            JsonNode output = outputs.at("/outputs/" + c.id());
            if (!output.isTextual()) {
                throw new IllegalArgumentException("outputs/" + model + ".yaml has no output for case " + c.id());
            }
            GenerationRequest request = GenerationRequest.builder()
                    .addMessage(Message.system(system))
                    .addMessage(Message.user(prompt.replace("{{input.text}}", c.input().get("text").textValue())))
                    .temperature(0.0)
                    .build();
            String text = output.textValue();
            Generation generation = Generation.builder().text(text).modelId(modelId)
                    .usage(Usage.of((system.length() + prompt.length() + c.input().toString().length()) / 4,
                            text.length() / 4))
                    .build();
            CassetteRecorder.of(r -> generation, cassette).generate(request);
        }
    }
}
