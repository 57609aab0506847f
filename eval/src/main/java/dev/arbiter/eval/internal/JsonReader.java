package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.eval.CaseResult;
import dev.arbiter.eval.MetricInfo;
import dev.arbiter.eval.RunInfo;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Trial;
import dev.arbiter.eval.TrialOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads scorecards from their JSON form ({@link ScorecardJson#FORMAT}). Every error names the source and the JSON
 * Pointer of the member at fault. Derived figures (metric summaries) are recomputed, not read.
 */
public final class JsonReader {

    private final String source;

    private JsonReader(String source) {
        this.source = source;
    }

    /**
     * Reads a scorecard.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException naming the source, the member and the reason when the JSON is not a scorecard
     */
    public static Scorecard read(JsonNode root, String source) {
        return new JsonReader(source).scorecard(root);
    }

    private Scorecard scorecard(JsonNode root) {
        if (!root.isObject()) {
            throw error("", "a scorecard must be a JSON object");
        }
        String format = text(root, "format", "");
        if (!format.equals(ScorecardJson.FORMAT)) {
            throw error("/format", "unknown format '" + format + "', expected '" + ScorecardJson.FORMAT + "'");
        }
        RunInfo run = run(object(root, "run", ""), "/run");
        List<MetricInfo> metrics = new ArrayList<>();
        JsonNode ms = array(root, "metrics", "");
        for (int i = 0; i < ms.size(); i++) {
            metrics.add(ScorecardJson.readInfo(this, ms.get(i), "/metrics/" + i));
        }
        List<CaseResult> cases = new ArrayList<>();
        JsonNode cs = array(root, "cases", "");
        for (int i = 0; i < cs.size(); i++) {
            cases.add(caseResult(cs.get(i), "/cases/" + i));
        }
        try {
            return Scorecard.of(run, metrics, cases);
        } catch (IllegalArgumentException e) {
            throw error("", e.getMessage());
        }
    }

    private RunInfo run(JsonNode r, String at) {
        List<String> models = new ArrayList<>();
        JsonNode m = array(r, "modelIds", at);
        for (int i = 0; i < m.size(); i++) {
            models.add(textValue(m.get(i), at + "/modelIds/" + i));
        }
        Map<String, String> contracts = new LinkedHashMap<>();
        JsonNode c = object(r, "contracts", at);
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            contracts.put(e.getKey(), textValue(e.getValue(), at + "/contracts/" + e.getKey()));
        }
        JsonNode set = object(r, "goldenSet", at);
        Instant startedAt;
        try {
            startedAt = Instant.parse(text(r, "startedAt", at));
        } catch (DateTimeParseException e) {
            throw error(at + "/startedAt", "not an ISO-8601 instant");
        }
        return new RunInfo(text(r, "suite", at), text(r, "subjectId", at), models, contracts,
                text(set, "name", at + "/goldenSet"), text(set, "version", at + "/goldenSet"),
                text(set, "digest", at + "/goldenSet"), integer(r, "repeats", at), startedAt,
                Duration.ofMillis(longValue(r, "elapsedMillis", at)),
                ScorecardJson.readSpend(this, object(r, "spend", at), at + "/spend"));
    }

    private CaseResult caseResult(JsonNode c, String at) {
        List<String> tags = new ArrayList<>();
        JsonNode t = array(c, "tags", at);
        for (int i = 0; i < t.size(); i++) {
            tags.add(textValue(t.get(i), at + "/tags/" + i));
        }
        List<Trial> trials = new ArrayList<>();
        JsonNode ts = array(c, "trials", at);
        for (int i = 0; i < ts.size(); i++) {
            trials.add(trial(ts.get(i), at + "/trials/" + i));
        }
        try {
            return new CaseResult(text(c, "id", at), tags, trials);
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private Trial trial(JsonNode t, String at) {
        TrialOutcome outcome;
        if (t.has("output")) {
            outcome = new TrialOutcome.Produced(text(t, "output", at));
        } else {
            JsonNode e = object(t, "error", at);
            outcome = new TrialOutcome.Failed(text(e, "kind", at + "/error"), text(e, "message", at + "/error"));
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        JsonNode s = object(t, "scores", at);
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = at + "/scores/" + e.getKey();
            try {
                scores.put(e.getKey(), Score.of(dbl(e.getValue(), "value", p), dbl(e.getValue(), "threshold", p),
                        text(e.getValue(), "explanation", p)));
            } catch (IllegalArgumentException x) {
                throw error(p, x.getMessage());
            }
        }
        return new Trial(integer(t, "repeat", at), outcome, scores,
                ScorecardJson.readSpend(this, object(t, "spend", at), at + "/spend"),
                Duration.ofMillis(longValue(t, "latencyMillis", at)));
    }

    JsonNode member(JsonNode o, String name, String at) {
        JsonNode v = o.get(name);
        if (v == null) {
            throw error(at + "/" + name, "missing");
        }
        return v;
    }

    String text(JsonNode o, String name, String at) {
        return textValue(member(o, name, at), at + "/" + name);
    }

    private String textValue(JsonNode v, String at) {
        if (!v.isTextual()) {
            throw error(at, "must be a string, was " + v.getNodeType());
        }
        return v.textValue();
    }

    int integer(JsonNode o, String name, String at) {
        JsonNode v = member(o, name, at);
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw error(at + "/" + name, "must be an integer, was " + v);
        }
        return v.intValue();
    }

    long longValue(JsonNode o, String name, String at) {
        JsonNode v = member(o, name, at);
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw error(at + "/" + name, "must be an integer, was " + v);
        }
        return v.longValue();
    }

    double dbl(JsonNode o, String name, String at) {
        JsonNode v = member(o, name, at);
        if (!v.isNumber()) {
            throw error(at + "/" + name, "must be a number, was " + v.getNodeType());
        }
        return v.doubleValue();
    }

    boolean bool(JsonNode o, String name, String at) {
        JsonNode v = member(o, name, at);
        if (!v.isBoolean()) {
            throw error(at + "/" + name, "must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    BigDecimal decimal(JsonNode o, String name, String at) {
        String s = text(o, name, at);
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw error(at + "/" + name, "must be a decimal string, was '" + s + "'");
        }
    }

    private JsonNode object(JsonNode o, String name, String at) {
        JsonNode v = member(o, name, at);
        if (!v.isObject()) {
            throw error(at + "/" + name, "must be an object, was " + v.getNodeType());
        }
        return v;
    }

    private JsonNode array(JsonNode o, String name, String at) {
        JsonNode v = member(o, name, at);
        if (!v.isArray()) {
            throw error(at + "/" + name, "must be an array, was " + v.getNodeType());
        }
        return v;
    }

    private IllegalArgumentException error(String pointer, String reason) {
        return new IllegalArgumentException(source + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + reason);
    }
}
