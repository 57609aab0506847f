package dev.arbiter.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.eval.internal.FieldComparison;
import dev.arbiter.eval.internal.SchemaCheck;
import dev.arbiter.eval.internal.Similarity;
import dev.arbiter.eval.internal.Text;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The built-in {@link Scorer}s. Each compares the output with the case's expectation (or with a fixed pattern,
 * schema or set of strings) and explains its score. All are immutable and thread-safe.
 *
 * <table>
 * <caption>Built-in scorers</caption>
 * <tr><th>scorer</th><th>value</th><th>passes when</th></tr>
 * <tr><td>{@link #exactMatch()}</td><td>1 or 0</td><td>the output text equals the expected text</td></tr>
 * <tr><td>{@link #normalizedMatch(Normalization...)}</td><td>1 or 0</td><td>equal after normalization</td></tr>
 * <tr><td>{@link #jsonFields(List, double)}</td><td>fraction of fields that match</td><td>at the threshold</td></tr>
 * <tr><td>{@link #schemaValid(ResponseSchema)}</td><td>1 or 0</td><td>the output is valid against the schema</td></tr>
 * <tr><td>{@link #matchesRegex(String)}</td><td>1 or 0</td><td>the pattern is found in the output</td></tr>
 * <tr><td>{@link #contains(String...)}</td><td>fraction of strings found</td><td>all are found</td></tr>
 * <tr><td>{@link #numeric(String, double, double)}</td><td>1 or 0</td><td>the number is within tolerance</td></tr>
 * <tr><td>{@link #semanticSimilarity(double)}</td><td>cosine of embeddings</td><td>at the threshold</td></tr>
 * </table>
 *
 * <p>The LLM judge is {@link LlmJudge}.
 */
public final class Scorers {

    /** The steps of {@link #normalizedMatch(Normalization...)}. */
    public enum Normalization {
        /** Unicode NFKC: full-width and compatibility characters become their plain forms. */
        UNICODE,
        /** Lower case (root locale). */
        CASE,
        /** Punctuation and symbols removed, except currency, percent and sign characters, and points and commas
         * between digits. */
        PUNCTUATION,
        /** Runs of whitespace become one space; leading and trailing whitespace is removed. */
        WHITESPACE
    }

    private Scorers() {}

    /** Returns a scorer that passes when the output text equals the expected text exactly. */
    public static Scorer exactMatch() {
        return context -> {
            String output = context.outputText();
            String expected = context.expectedText();
            return output.equals(expected) ? Score.pass("exact match")
                    : Score.fail("expected \"" + Text.preview(expected, 60) + "\", got \"" + Text.preview(output, 60)
                            + "\"");
        };
    }

    /**
     * Returns a scorer that passes when output and expected text are equal after the normalization steps; with
     * no steps given, all of them.
     */
    public static Scorer normalizedMatch(Normalization... steps) {
        Set<Normalization> s = steps.length == 0 ? EnumSet.allOf(Normalization.class) : EnumSet.copyOf(List.of(steps));
        boolean unicode = s.contains(Normalization.UNICODE);
        boolean lower = s.contains(Normalization.CASE);
        boolean punctuation = s.contains(Normalization.PUNCTUATION);
        boolean whitespace = s.contains(Normalization.WHITESPACE);
        return context -> {
            String output = Text.normalize(context.outputText(), unicode, lower, punctuation, whitespace);
            String expected = Text.normalize(context.expectedText(), unicode, lower, punctuation, whitespace);
            return output.equals(expected) ? Score.pass("match after normalizing " + s)
                    : Score.fail("after normalizing " + s + ": expected \"" + Text.preview(expected, 60) + "\", got \""
                            + Text.preview(output, 60) + "\"");
        };
    }

    /**
     * Returns a scorer of the fraction of fields of the JSON output that match the same fields of the expectation,
     * passing when every field matches. With no fields given, every leaf of each case's expectation is compared
     * exactly. An output that is not JSON scores 0.
     */
    public static Scorer jsonFields(FieldMatch... fields) {
        return jsonFields(List.of(fields), 1.0);
    }

    /**
     * Returns a scorer of the fraction of the fields that match, passing at the threshold.
     *
     * @throws IllegalArgumentException if two fields have the same pointer
     */
    public static Scorer jsonFields(List<FieldMatch> fields, double threshold) {
        List<String> pointers = new ArrayList<>();
        for (FieldMatch f : fields) {
            if (pointers.contains(f.pointer())) {
                throw new IllegalArgumentException("field " + f.pointer() + " is listed twice");
            }
            pointers.add(f.pointer());
        }
        checkThreshold(threshold);
        FieldComparison comparison = new FieldComparison(fields, threshold);
        return comparison::score;
    }

    /**
     * Returns a scorer that passes when the output is JSON valid against the schema.
     *
     * @throws IllegalArgumentException if the schema does not compile
     */
    public static Scorer schemaValid(ResponseSchema schema) {
        return new SchemaCheck(schema.name(), schema.schema())::score;
    }

    /** Same as {@link #schemaValid(ResponseSchema)} for a schema as a JSON tree. */
    public static Scorer schemaValid(JsonNode schema) {
        return new SchemaCheck("schema", Objects.requireNonNull(schema, "schema"))::score;
    }

    /**
     * Returns a scorer that passes when the pattern is found in the output text; anchor it with {@code ^…$} to
     * require the whole text.
     *
     * @throws IllegalArgumentException if the pattern does not compile
     */
    public static Scorer matchesRegex(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex scorer pattern does not compile: " + e.getMessage(), e);
        }
        return context -> {
            Matcher m = pattern.matcher(context.outputText());
            return m.find() ? Score.pass("/" + regex + "/ found \"" + Text.preview(m.group(), 40) + "\"")
                    : Score.fail("/" + regex + "/ not found in \"" + Text.preview(context.outputText(), 60) + "\"");
        };
    }

    /**
     * Returns a scorer of the fraction of the strings the output text contains, passing when it contains all;
     * with no strings given, the case's expected text is the one string.
     */
    public static Scorer contains(String... needles) {
        return contains(false, needles);
    }

    /** Same as {@link #contains(String...)}, ignoring case. */
    public static Scorer containsIgnoringCase(String... needles) {
        return contains(true, needles);
    }

    private static Scorer contains(boolean ignoreCase, String... needles) {
        List<String> fixed = List.of(needles);
        for (String n : fixed) {
            if (n.isEmpty()) {
                throw new IllegalArgumentException("contains scorer: a string to look for is empty");
            }
        }
        return context -> {
            List<String> wanted = fixed.isEmpty() ? List.of(context.expectedText()) : fixed;
            String haystack = fold(context.outputText(), ignoreCase);
            List<String> missing = wanted.stream().filter(n -> !haystack.contains(fold(n, ignoreCase))).toList();
            double value = (double) (wanted.size() - missing.size()) / wanted.size();
            return Score.of(value, 1.0, missing.isEmpty() ? "contains all " + wanted.size() + " expected strings"
                    : "missing " + missing.stream().map(m -> "\"" + Text.preview(m, 40) + "\"").toList());
        };
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("a scorer threshold must be between 0 and 1, was " + threshold);
        }
    }

    private static String fold(String s, boolean ignoreCase) {
        return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
    }

    /**
     * Returns a scorer that passes when the number at the pointer of the output (the whole output for {@code ""})
     * is within {@code absolute + relative * |expected|} of the number at the same pointer of the expectation.
     */
    public static Scorer numeric(String pointer, double absolute, double relative) {
        FieldComparison comparison = new FieldComparison(
                List.of(FieldMatch.at(pointer).within(absolute).withinRelative(relative)), 1.0);
        return context -> {
            if (context.outputJson().isEmpty()) {
                return Score.fail("the output is not a number or JSON: \"" + Text.preview(context.outputText(), 60)
                        + "\"");
            }
            return comparison.score(context);
        };
    }

    /**
     * Returns a scorer of the semantic similarity of output and expected text: the cosine of their embeddings by
     * the in-process all-MiniLM-L6-v2 model (no network), passing at the threshold. The model loads once, on first
     * use.
     */
    public static Scorer semanticSimilarity(double threshold) {
        checkThreshold(threshold);
        return Similarity.miniLm(threshold)::score;
    }

    /** Same as {@link #semanticSimilarity(double)} with any langchain4j embedding model. */
    public static Scorer semanticSimilarity(EmbeddingModel model, double threshold) {
        checkThreshold(threshold);
        return Similarity.of(Objects.requireNonNull(model, "model"), threshold)::score;
    }
}
