package dev.arbiter.eval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.testing.CassettePlayer;
import dev.arbiter.eval.EvalHarness;
import dev.arbiter.eval.EvalSubject;
import dev.arbiter.eval.EvalSuite;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GoldenSet;
import dev.arbiter.eval.Metric;
import dev.arbiter.eval.PriceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Reads suite files (YAML). Every error names the file and the member's path. Stateless and thread-safe. */
public final class SuiteFileReader {

    private static final Set<String> TOP = Set.of("name", "goldenSet", "subject", "contracts", "scorers", "gate",
            "baseline", "reports", "harness", "prices");

    private SuiteFileReader() {}

    /** What a suite file says. */
    public record Parsed(EvalSuite<JsonNode, JsonNode, Object> suite, Supplier<EvalHarness.Builder> harness, Gate gate,
            @Nullable Path baseline, Path reports) {}

    /** Reads the file. */
    public static Parsed read(Path file) {
        Config root = Config.root(file, parse(file)).only(TOP);
        GoldenSet<JsonNode, JsonNode> set = GoldenSet.load(root.path("goldenSet"));
        Config subject = root.object("subject");
        String type = subject.text("type");
        EvalSubject<JsonNode, Object> s;
        Path cassette = null;
        if (type.equals("cassette")) {
            subject.only(Set.of("id", "type", "cassette", "system", "prompt", "temperature", "maxOutputTokens",
                    "responseSchema", "modelIds"));
            s = promptSubject(subject);
            cassette = subject.path("cassette");
            CassettePlayer.load(cassette);
        } else if (type.equals("outputs")) {
            subject.only(Set.of("id", "type", "outputs", "modelIds"));
            s = FileSubjects.outputs(subject.path("outputs"), set);
        } else {
            throw subject.error("type", "unknown subject type '" + type + "' (known: cassette, outputs)");
        }
        EvalSuite.Builder<JsonNode, JsonNode, Object> suite = EvalSuite.builder(set, s).subjectId(subject.text("id"))
                .name(root.text("name", set.name()));
        subject.texts("modelIds").forEach(suite::modelId);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.objectOrEmpty("contracts").members(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            suite.contract(c.getKey(), Json.text(c.getValue()));
        }
        for (Metric m : ScorerSpecs.metrics(root.objects("scorers"))) {
            suite.metric(m);
        }
        EvalSuite<JsonNode, JsonNode, Object> built;
        try {
            built = suite.build();
        } catch (IllegalArgumentException e) {
            throw root.error("scorers", e.getMessage());
        }
        Config h = root.objectOrEmpty("harness");
        harness(h);
        PriceTable prices = root.has("prices") ? prices(root.object("prices")) : PriceTable.NONE;
        Path player = cassette;
        Supplier<EvalHarness.Builder> harness = () -> {
            EvalHarness.Builder b = harness(h).prices(prices);
            if (player != null) {
                b.generator(CassettePlayer.load(player));
            }
            return b;
        };
        return new Parsed(built, harness, gate(root.objectOrEmpty("gate")),
                root.has("baseline") ? root.path("baseline") : null,
                root.has("reports") ? root.path("reports") : Path.of("target", "arbiter-eval", built.name()));
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode node = Json.YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(file + ": the suite file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read suite file " + file, e);
        }
    }

    private static EvalSubject<JsonNode, Object> promptSubject(Config subject) {
        Template prompt;
        try {
            prompt = Template.of(subject.text("prompt"));
        } catch (IllegalArgumentException e) {
            throw subject.error("prompt", e.getMessage());
        }
        ResponseSchema schema = null;
        if (subject.has("responseSchema")) {
            Path p = subject.path("responseSchema");
            try {
                String name = String.valueOf(p.getFileName()).replaceFirst("\\..*$", "").replaceAll("[^A-Za-z0-9_-]",
                        "_");
                schema = ResponseSchema.of(name, Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read response schema " + p, e);
            }
        }
        Double temperature = subject.has("temperature") ? subject.number("temperature", 0, 0, 2) : null;
        Integer maxTokens = subject.has("maxOutputTokens")
                ? subject.integer("maxOutputTokens", 1, 1, Integer.MAX_VALUE) : null;
        return FileSubjects.prompt(subject.optionalText("system"), prompt, temperature, maxTokens, schema);
    }

    private static EvalHarness.Builder harness(Config h) {
        h.only(Set.of("concurrency", "repeats", "requestsPerMinute", "tokensPerMinute", "retries", "cache"));
        EvalHarness.Builder b = EvalHarness.builder()
                .concurrency(h.integer("concurrency", 4, 1, 1024))
                .repeats(h.integer("repeats", 1, 1, 1000))
                .requestsPerMinute(h.integer("requestsPerMinute", 0, 0, Integer.MAX_VALUE))
                .tokensPerMinute(h.integer("tokensPerMinute", 0, 0, Integer.MAX_VALUE))
                .retries(h.integer("retries", 3, 0, 100), Duration.ofSeconds(1), Duration.ofSeconds(30));
        if (h.has("cache")) {
            b.cache(h.path("cache"));
        }
        return b;
    }

    private static Gate gate(Config g) {
        g.only(Set.of("minPassRate", "maxRegression", "minJudgeKappa", "regressions"));
        Gate.Builder b = Gate.builder().maxRegression(g.number("maxRegression", 0, 0, 1))
                .minJudgeKappa(g.number("minJudgeKappa", 0.6, -1, 1));
        Config rates = g.objectOrEmpty("minPassRate");
        for (Iterator<Map.Entry<String, JsonNode>> it = rates.members(); it.hasNext(); ) {
            String metric = it.next().getKey();
            b.minPassRate(metric, rates.number(metric, 0, 0, 1));
        }
        if (!g.bool("regressions", true)) {
            b.ignoreRegressions();
        }
        return b.build();
    }

    private static PriceTable prices(Config p) {
        p.only(Set.of("currency", "models"));
        Map<String, PriceTable.Price> prices = new LinkedHashMap<>();
        Config models = p.object("models");
        for (Iterator<Map.Entry<String, JsonNode>> it = models.members(); it.hasNext(); ) {
            String model = it.next().getKey();
            Config m = models.object(model).only(Set.of("input", "output"));
            prices.put(model, new PriceTable.Price(BigDecimal.valueOf(m.number("input", 0, 0, 1e9)),
                    BigDecimal.valueOf(m.number("output", 0, 0, 1e9))));
        }
        return PriceTable.of(p.text("currency", "USD"), prices);
    }
}
