package dev.arbiter.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.eval.internal.SuiteFileReader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An eval suite described in a YAML file: the golden set, the subject, the scorers, the gate's thresholds, the
 * baseline and where reports go. {@code arbiter eval run SUITE_FILE} runs one; in tests,
 * {@code runner.run(file.harness().build(), file.suite(), file.gate())}.
 *
 * <pre>
 * name: invoice-extraction
 * goldenSet: golden/invoices.jsonl            # paths are relative to the suite file
 * subject:
 *   id: invoice-extractor@model-b
 *   type: cassette                             # replay a prompt from recorded generations
 *   cassette: cassettes/model-b.jsonl
 *   system: You extract invoice fields as JSON.
 *   prompt: "Extract the fields of this invoice:\n\n{{input}}"
 *   temperature: 0
 * scorers:
 *   - {name: valid, type: schema, schema: schemas/invoice.schema.json}
 *   - name: fields
 *     type: json-fields
 *     fields: [{pointer: /total, tolerance: 0.01}, {pointer: /currency, ignoreCase: true}]
 * gate:
 *   minPassRate: {valid: 1.0, fields: 0.9}
 *   maxRegression: 0.0
 * baseline: baselines/model-a.json
 * reports: target/eval/invoices
 * </pre>
 *
 * <p>Subjects: {@code cassette} sends, per case, the optional {@code system} message and the {@code prompt}
 * ({@code {{input}}} is the input as text, {@code {{input.member}}} a member of an object input), with the optional
 * {@code temperature}, {@code maxOutputTokens} and {@code responseSchema} (a JSON Schema file), to a
 * {@code CassettePlayer} of the {@code cassette} file or directory, and returns the generation's text;
 * {@code outputs} answers each case with the output recorded for its id in a JSON Lines file of
 * {@code {"id": ..., "output": ...}} (outputs made by another system). Scorer types: {@code exact},
 * {@code normalized}, {@code json-fields} ({@code fields}: pointer, tolerance, relativeTolerance, ignoreCase;
 * {@code threshold}), {@code schema} ({@code schema} file), {@code regex} ({@code pattern}), {@code contains}
 * ({@code values}, {@code ignoreCase}), {@code numeric} ({@code pointer}, {@code absolute}, {@code relative}),
 * {@code semantic} ({@code threshold}) and {@code judge} ({@code cassette} of the judge's answers, {@code rubric}:
 * name, criteria, min, max, passAt; {@code labels}: a JSON Lines file of people's verdicts, on which the judge's
 * agreement is measured when the file is loaded). Also {@code contracts} (id to fingerprint), {@code harness}
 * (concurrency, repeats, requestsPerMinute, tokensPerMinute, retries, cache) and {@code prices}
 * ({@code currency}, {@code models}: model to {@code input}/{@code output} per million tokens). The full reference
 * is {@code docs/eval.md}.
 *
 * <p>Loading is strict: an unknown member, a missing one, a value of the wrong type or range fails with an
 * {@link IllegalArgumentException} naming the file and the member's path. Immutable and thread-safe; {@link #harness()}
 * returns a new builder (with a new cassette player) on every call.
 */
public final class SuiteFile {

    private final Path file;
    private final SuiteFileReader.Parsed parsed;

    private SuiteFile(Path file, SuiteFileReader.Parsed parsed) {
        this.file = file;
        this.parsed = parsed;
    }

    /**
     * Loads a suite file, its golden set, its cassettes and its scorers' files.
     *
     * @throws IllegalArgumentException naming the file, the member and the reason when something is not valid
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public static SuiteFile load(Path file) {
        Objects.requireNonNull(file, "file");
        return new SuiteFile(file, SuiteFileReader.read(file));
    }

    /** The suite file. */
    public Path file() {
        return file;
    }

    /** The suite. */
    public EvalSuite<JsonNode, JsonNode, Object> suite() {
        return parsed.suite();
    }

    /**
     * Returns a new harness builder set up as the file says (the subject's generator, concurrency, repeats, limits,
     * retries, cache, prices); callers may change it, e.g. the progress output.
     */
    public EvalHarness.Builder harness() {
        return parsed.harness().get();
    }

    /** The gate. */
    public Gate gate() {
        return parsed.gate();
    }

    /** The baseline scorecard to compare with, if the file names one. */
    public Optional<Path> baseline() {
        return Optional.ofNullable(parsed.baseline());
    }

    /** The directory reports go to: the file's {@code reports}, or {@code target/arbiter-eval/<suite name>}. */
    public Path reports() {
        return parsed.reports();
    }

    @Override
    public String toString() {
        return "SuiteFile{" + file + ", " + parsed.suite().name() + "}";
    }
}
