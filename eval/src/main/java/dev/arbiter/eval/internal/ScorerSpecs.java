package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.testing.CassettePlayer;
import dev.arbiter.eval.FieldMatch;
import dev.arbiter.eval.LabelledOutput;
import dev.arbiter.eval.LlmJudge;
import dev.arbiter.eval.Metric;
import dev.arbiter.eval.Rubric;
import dev.arbiter.eval.Scorer;
import dev.arbiter.eval.Scorers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Makes metrics from the {@code scorers} list of a suite file. Stateless and thread-safe. */
public final class ScorerSpecs {

    /** The scorer types a suite file may name. */
    public static final Set<String> TYPES = Set.of("exact", "normalized", "json-fields", "schema", "regex",
            "contains", "numeric", "semantic", "judge");

    private ScorerSpecs() {}

    /** Returns one metric per entry. */
    public static List<Metric> metrics(List<Config> specs) {
        List<Metric> out = new ArrayList<>();
        for (Config spec : specs) {
            String name = spec.text("name");
            try {
                out.add(Metric.of(name, scorer(spec)));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(spec.file().toString())) {
                    throw e;
                }
                throw spec.error("", e.getMessage());
            }
        }
        return out;
    }

    private static Scorer scorer(Config s) {
        String type = s.text("type");
        switch (type) {
            case "exact":
                s.only(Set.of("name", "type"));
                return Scorers.exactMatch();
            case "normalized":
                s.only(Set.of("name", "type"));
                return Scorers.normalizedMatch();
            case "json-fields":
                s.only(Set.of("name", "type", "fields", "threshold"));
                return Scorers.jsonFields(s.has("fields") ? fields(s.objects("fields")) : List.of(),
                        s.number("threshold", 1.0, 0, 1));
            case "schema":
                s.only(Set.of("name", "type", "schema"));
                return Scorers.schemaValid(ResponseSchema.of(schemaName(s.path("schema")),
                        String.join("\n", lines(s.path("schema")))));
            case "regex":
                s.only(Set.of("name", "type", "pattern"));
                return Scorers.matchesRegex(s.text("pattern"));
            case "contains":
                s.only(Set.of("name", "type", "values", "ignoreCase"));
                String[] values = s.texts("values").toArray(String[]::new);
                return s.bool("ignoreCase", false) ? Scorers.containsIgnoringCase(values) : Scorers.contains(values);
            case "numeric":
                s.only(Set.of("name", "type", "pointer", "absolute", "relative"));
                return Scorers.numeric(s.text("pointer", ""), s.number("absolute", 0, 0, Double.MAX_VALUE),
                        s.number("relative", 0, 0, Double.MAX_VALUE));
            case "semantic":
                s.only(Set.of("name", "type", "threshold"));
                return Scorers.semanticSimilarity(s.number("threshold", 0.8, 0, 1));
            case "judge":
                return judge(s);
            default:
                throw s.error("type", "unknown scorer type '" + type + "' (known: " + TYPES.stream().sorted().toList()
                        + ")");
        }
    }

    private static List<FieldMatch> fields(List<Config> fields) {
        List<FieldMatch> out = new ArrayList<>();
        for (Config f : fields) {
            f.only(Set.of("pointer", "tolerance", "relativeTolerance", "ignoreCase"));
            FieldMatch m = FieldMatch.at(f.text("pointer", ""))
                    .within(f.number("tolerance", 0, 0, Double.MAX_VALUE))
                    .withinRelative(f.number("relativeTolerance", 0, 0, Double.MAX_VALUE));
            out.add(f.bool("ignoreCase", false) ? m.ignoringCase() : m);
        }
        return out;
    }

    private static LlmJudge judge(Config s) {
        s.only(Set.of("name", "type", "cassette", "rubric", "labels"));
        Config r = s.object("rubric").only(Set.of("name", "criteria", "min", "max", "passAt"));
        Rubric rubric = new Rubric(r.text("name", s.text("name")), r.text("criteria"),
                r.integer("min", 1, -1000, 1000), r.integer("max", 5, -1000, 1000), r.integer("passAt", 4, -1000, 1000));
        LlmJudge judge = LlmJudge.of(CassettePlayer.load(s.path("cassette")), rubric);
        return s.has("labels") ? judge.withAgreement(judge.measureAgreement(labels(s.path("labels")))) : judge;
    }

    private static List<LabelledOutput> labels(Path file) {
        List<LabelledOutput> out = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String at = file + ":" + (i + 1);
            JsonNode l;
            try {
                l = Json.parse(lines.get(i), "the line");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
            if (!l.path("id").isTextual() || !l.has("input") || !l.has("output") || !l.path("pass").isBoolean()) {
                throw new IllegalArgumentException(at + ": a label needs 'id', 'input', 'output' and a boolean 'pass'");
            }
            out.add(new LabelledOutput(l.get("id").textValue(), l.get("input"), l.path("expected").isMissingNode()
                    ? Json.MAPPER.nullNode() : l.get("expected"), l.get("output"), l.get("pass").booleanValue()));
        }
        return out;
    }

    private static String schemaName(Path file) {
        String name = String.valueOf(file.getFileName()).replaceFirst("\\..*$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "schema" : name.substring(0, Math.min(64, name.length()));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
