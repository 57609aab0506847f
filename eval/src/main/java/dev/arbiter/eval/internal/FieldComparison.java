package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.CanonicalJson;
import dev.arbiter.eval.FieldMatch;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.ScoringContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Compares fields of a JSON output with the expectation; the engine of {@code Scorers.jsonFields}. Thread-safe. */
public final class FieldComparison {

    private final List<FieldMatch> fields;
    private final double threshold;

    public FieldComparison(List<FieldMatch> fields, double threshold) {
        this.fields = List.copyOf(fields);
        this.threshold = threshold;
    }

    public Score score(ScoringContext context) {
        Optional<JsonNode> output = context.outputJson();
        if (output.isEmpty()) {
            return Score.of(0.0, threshold, "the output is not JSON: " + Text.preview(context.outputText(), 80));
        }
        JsonNode expected = context.expectedJson();
        List<FieldMatch> compared = fields.isEmpty() ? leaves(expected) : fields;
        if (compared.isEmpty()) {
            throw new IllegalArgumentException("case '" + context.goldenCase().id()
                    + "' has no expected fields to compare (its expectation is " + Text.preview(Json.text(expected), 80)
                    + ")");
        }
        List<String> misses = new ArrayList<>();
        for (FieldMatch f : compared) {
            String miss = compare(f, output.get().at(f.pointer()), expected.at(f.pointer()));
            if (miss != null) {
                misses.add(miss);
            }
        }
        int matched = compared.size() - misses.size();
        String explanation = matched + "/" + compared.size() + " fields match"
                + (misses.isEmpty() ? "" : "; " + String.join("; ", misses));
        return Score.of((double) matched / compared.size(), threshold, explanation);
    }

    /** Returns null when the field matches, or what differs. */
    static String compare(FieldMatch f, JsonNode actual, JsonNode expected) {
        String at = f.pointer().isEmpty() ? "/" : f.pointer();
        boolean actualAbsent = actual.isMissingNode() || actual.isNull();
        boolean expectedAbsent = expected.isMissingNode() || expected.isNull();
        if (actualAbsent || expectedAbsent) {
            return actualAbsent && expectedAbsent ? null
                    : at + ": expected " + show(expected) + ", got " + show(actual);
        }
        Optional<BigDecimal> e = number(expected);
        Optional<BigDecimal> a = number(actual);
        if (expected.isNumber() && a.isPresent() || actual.isNumber() && e.isPresent()) {
            if (e.isEmpty()) {
                return at + ": expected " + show(expected) + ", got " + show(actual);
            }
            double diff = a.get().subtract(e.get()).abs().doubleValue();
            double allowed = f.absoluteTolerance() + f.relativeTolerance() * e.get().abs().doubleValue();
            return diff <= allowed ? null : at + ": expected " + e.get().toPlainString() + ", got "
                    + a.get().toPlainString() + (allowed > 0 ? " (off by " + diff + ", allowed " + allowed + ")" : "");
        }
        if (expected.isTextual() && actual.isTextual()) {
            String x = expected.textValue();
            String y = actual.textValue();
            boolean same = f.ignoreCase() ? x.strip().toLowerCase(Locale.ROOT).equals(y.strip().toLowerCase(Locale.ROOT))
                    : x.equals(y);
            return same ? null : at + ": expected " + show(expected) + ", got " + show(actual);
        }
        return CanonicalJson.write(expected).equals(CanonicalJson.write(actual)) ? null
                : at + ": expected " + show(expected) + ", got " + show(actual);
    }

    private static Optional<BigDecimal> number(JsonNode n) {
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        if (n.isTextual()) {
            try {
                return Optional.of(new BigDecimal(n.textValue().strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String show(JsonNode n) {
        return n.isMissingNode() ? "nothing" : Text.preview(CanonicalJson.write(n), 60);
    }

    /** Returns an exact match for every leaf (scalar or empty container) of the expectation. */
    static List<FieldMatch> leaves(JsonNode expected) {
        List<FieldMatch> out = new ArrayList<>();
        collect("", expected, out);
        return out;
    }

    private static void collect(String path, JsonNode node, List<FieldMatch> out) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(path + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue(), out);
            }
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "/" + i, node.get(i), out);
            }
        } else if (!node.isNull() || !path.isEmpty()) {
            out.add(FieldMatch.at(path));
        }
    }
}
