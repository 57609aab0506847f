package dev.arbiter.examples.contracts.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Message;
import dev.arbiter.core.Usage;
import dev.arbiter.core.testing.CassetteRecorder;
import dev.arbiter.eval.GoldenCase;
import dev.arbiter.eval.GoldenSet;
import dev.arbiter.examples.contracts.ContractReview;
import dev.arbiter.steering.context.TokenCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the hand-written answers of {@code answers.yaml} into the eval's cassettes, by running the real review
 * pipeline over them: each case's answers are served to its review in order (the first answer, then one per
 * repair prompt) through a {@link CassetteRecorder}, so every recorded request, repair prompts included, is
 * exactly what the pipeline sends. Token counts are o200k counts of each request's messages and of the answer;
 * latency is a plausible 1.2 s plus 25 ms per output token.
 *
 * <p>Fails, naming the case, when the pipeline asks for more answers than were written, or stops before using
 * them all (the answers no longer fit the pipeline's checks, so the cassette would not say what the file says).
 *
 * <pre>
 * java -cp … dev.arbiter.examples.contracts.eval.ContractEvalCassettes examples/eval/contracts
 * </pre>
 */
public final class ContractEvalCassettes {

    /** The models {@code answers.yaml} describes. */
    public static final List<String> MODELS = List.of("model-a", "model-b");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TokenCounter TOKENS = TokenCounter.o200kBase();

    private ContractEvalCassettes() {}

    /** Writes {@code cassettes/model-a.jsonl} and {@code cassettes/model-b.jsonl} in the eval folder {@code args[0]}. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/eval/contracts");
        for (String model : MODELS) {
            Path file = dir.resolve("cassettes").resolve(model + ".jsonl");
            int calls = write(dir, model, file);
            System.out.println("wrote " + calls + " recorded calls to " + file);
        }
    }

    /** Returns the model id that {@code answers.yaml} gives the model. */
    public static String modelId(Path dir, String model) {
        return modelNode(answers(dir), model).path("id").asText();
    }

    /**
     * Writes the cassette of one model of {@code answers.yaml} to {@code file} (replacing it).
     *
     * @return the number of recorded calls
     */
    public static int write(Path dir, String model, Path file) {
        JsonNode answers = answers(dir);
        JsonNode m = modelNode(answers, model);
        String modelId = m.path("id").asText();
        GoldenSet<ContractCase, ExpectedRisks> golden = ContractReviewEval.goldenSet(dir);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int calls = 0;
        for (GoldenCase<ContractCase, ExpectedRisks> c : golden.cases()) {
            JsonNode attempts = m.path("cases").path(c.id());
            if (!attempts.isArray() || attempts.isEmpty()) {
                throw new IllegalArgumentException("answers.yaml: " + model + " has no answers for case " + c.id());
            }
            Deque<String> texts = new ArrayDeque<>();
            for (JsonNode attempt : attempts) {
                texts.add(answerText(answers.path("clauses"), c.id(), c.input().document(), attempt));
            }
            int written = texts.size();
            Generator served = request -> {
                String text = texts.poll();
                if (text == null) {
                    throw new IllegalStateException("answers.yaml: " + model + "/" + c.id() + " has " + written
                            + " answers, and the review asked for another (an answer meant to pass fails a check?)");
                }
                int output = TOKENS.count(text);
                return Generation.builder().text(text).modelId(modelId).usage(Usage.of(inputTokens(request), output))
                        .finishReason(FinishReason.STOP).latency(Duration.ofMillis(1_200 + 25L * output)).build();
            };
            ContractReview.builder(CassetteRecorder.of(served, file)).lawyerReview(false)
                    .labels("recorded", modelId).build().review("record-" + c.id(), c.input().load());
            if (!texts.isEmpty()) {
                throw new IllegalStateException("answers.yaml: " + model + "/" + c.id() + " has " + written
                        + " answers, and the review stopped after " + (written - texts.size())
                        + " (an answer meant to fail passes every check?)");
            }
            calls += written;
        }
        return calls;
    }

    private static String answerText(JsonNode library, String caseId, String source, JsonNode attempt) {
        ArrayNode clauses = JSON.createArrayNode();
        for (JsonNode entry : attempt) {
            String ref = entry.isTextual() ? entry.asText() : entry.path("ref").asText();
            if (!ref.startsWith(caseId + "/")) {
                throw new IllegalArgumentException("answers.yaml: case " + caseId + " refers to clause " + ref
                        + " of another case");
            }
            JsonNode base = library.path(ref);
            if (!base.isObject()) {
                throw new IllegalArgumentException("answers.yaml: no clause " + ref + " under clauses");
            }
            Map<String, String> f = new LinkedHashMap<>();
            f.put("title", base.path("title").asText());
            f.put("section", ref.substring(caseId.length() + 1));
            f.put("risk", base.path("risk").asText());
            f.put("explanation", base.path("explanation").asText());
            f.put("quote", base.path("quote").asText());
            if (entry.isObject()) {
                for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!name.equals("ref")) {
                        if (!f.containsKey(name)) {
                            throw new IllegalArgumentException("answers.yaml: " + caseId + ": unknown override '"
                                    + name + "' of " + ref);
                        }
                        f.put(name, entry.path(name).asText());
                    }
                }
            }
            ObjectNode clause = clauses.addObject();
            clause.put("title", f.get("title"));
            clause.put("section", f.get("section"));
            clause.put("risk", f.get("risk"));
            clause.put("explanation", f.get("explanation"));
            clause.putArray("citations").addObject().put("source", source).put("quote", f.get("quote"));
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("clauses", clauses);
        return root.toString();
    }

    private static int inputTokens(GenerationRequest request) {
        int n = 0;
        for (Message m : request.messages()) {
            n += 4 + TOKENS.count(text(m));
        }
        return n;
    }

    private static String text(Message m) {
        if (m instanceof Message.System s) {
            return s.text();
        }
        if (m instanceof Message.User u) {
            return u.text();
        }
        if (m instanceof Message.Assistant a) {
            return a.text() == null ? "" : a.text();
        }
        return ((Message.ToolResult) m).content();
    }

    private static JsonNode modelNode(JsonNode answers, String model) {
        JsonNode m = answers.path("models").path(model);
        if (!m.isObject()) {
            List<String> known = new ArrayList<>();
            answers.path("models").fieldNames().forEachRemaining(known::add);
            throw new IllegalArgumentException("answers.yaml has no model " + model + "; it has " + known);
        }
        return m;
    }

    private static JsonNode answers(Path dir) {
        Path file = dir.resolve("answers.yaml");
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
