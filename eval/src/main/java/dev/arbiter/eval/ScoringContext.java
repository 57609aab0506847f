package dev.arbiter.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Generation;
import dev.arbiter.eval.internal.Json;
import dev.arbiter.eval.internal.Outputs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link Scorer} may look at for one output: the golden case, the subject's output, the evidence
 * the subject worked from (empty when it reported none) and the generations its model calls returned.
 *
 * <p>The output and the expectation are offered as text and as JSON so that scorers need not know the subject's
 * types: a {@link CharSequence} is its text; a Jackson {@link JsonNode} is its JSON; any other object converts
 * with Jackson. Immutable and thread-safe if the output is.
 *
 * @param goldenCase the case being scored
 * @param output what the subject returned; never {@code null}
 * @param evidence what the subject worked from; {@link Evidence#empty()} when it reported nothing
 * @param generations the generations the subject's model calls returned for this output, in order
 */
public record ScoringContext(GoldenCase<?, ?> goldenCase, Object output, Evidence evidence,
        List<Generation> generations) {

    public ScoringContext {
        Objects.requireNonNull(goldenCase, "goldenCase");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(evidence, "evidence");
        generations = List.copyOf(generations);
    }

    /** Returns a context of the case and output with no evidence and no generations; for tests and ad-hoc use. */
    public static ScoringContext of(GoldenCase<?, ?> goldenCase, Object output) {
        return new ScoringContext(goldenCase, output, Evidence.empty(), List.of());
    }

    /** Returns the output as text: a string's text, a JSON string's text, or the canonical JSON of anything else. */
    public String outputText() {
        return textOf(output);
    }

    /** Returns the output as JSON: parsed if it is text, empty when that text is not JSON. */
    public Optional<JsonNode> outputJson() {
        return jsonOf(output);
    }

    /** Returns the case's expectation as text, as {@link #outputText()} does for the output. */
    public String expectedText() {
        return textOf(goldenCase.expected());
    }

    /** Returns the case's expectation as JSON; text that is not JSON becomes a JSON string. */
    public JsonNode expectedJson() {
        Object e = goldenCase.expected();
        if (e instanceof CharSequence s) {
            return Json.tryParse(s.toString()).orElse(TextNode.valueOf(s.toString()));
        }
        return jsonOf(e).orElseThrow();
    }

    /** Returns the case's input as text. */
    public String inputText() {
        return textOf(goldenCase.input());
    }

    private static String textOf(Object value) {
        return Outputs.text(value);
    }

    private static Optional<JsonNode> jsonOf(Object value) {
        return Outputs.json(value);
    }
}
