package dev.arbiter.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.internal.ComparisonJson;
import dev.arbiter.eval.internal.Json;
import dev.arbiter.eval.internal.JsonReader;
import dev.arbiter.eval.internal.ScorecardJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Scorecards and comparisons as JSON: a stable, documented format for baselines, diffs and other tools.
 *
 * <p>A scorecard file ({@code "format": "arbiter-eval/scorecard/1"}) holds the run ({@code run}: suite, subject,
 * model ids, contract fingerprints, golden set name, version and digest, repeats, start, elapsed time, spend),
 * the metric summaries ({@code metrics}) and every trial of every case ({@code cases}) with its output or error,
 * spend and scores. Members are written in a fixed order, pretty-printed, with derived figures rounded to six
 * decimals, so two files diff line by line. {@link #read} reads one back (summaries are recomputed from the
 * trials, so an edited summary cannot lie). A comparison file ({@code "arbiter-eval/comparison/1"}) holds both
 * runs' info, the statistics options, the gate's checks, the notes, the metric comparisons and the case changes,
 * regressions first. Every member is documented in {@code docs/eval.md}.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonReport {

    private JsonReport() {}

    /** Returns the scorecard as pretty JSON text. */
    public static String toJson(Scorecard scorecard) {
        return Json.pretty(ScorecardJson.write(scorecard)) + "\n";
    }

    /** Returns the comparison, with the gate's result when given, as pretty JSON text. */
    public static String toJson(Comparison comparison, @Nullable GateResult gate) {
        return Json.pretty(ComparisonJson.write(comparison, gate)) + "\n";
    }

    /**
     * Writes the scorecard to the file, creating its directory.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Scorecard scorecard, Path file) {
        Reports.writeString(file, toJson(scorecard));
    }

    /** Writes the comparison and the gate's result, when given, to the file, creating its directory. */
    public static void write(Comparison comparison, @Nullable GateResult gate, Path file) {
        Reports.writeString(file, toJson(comparison, gate));
    }

    /**
     * Reads a scorecard file.
     *
     * @throws IllegalArgumentException naming the file, the member (as a JSON Pointer) and the reason when it is
     *     not a scorecard
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Scorecard read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scorecard " + file, e);
        }
        return parse(text, file.toString());
    }

    /** Reads a scorecard from JSON text; {@code source} names it in error messages. */
    public static Scorecard parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.parse(json, source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return JsonReader.read(root, source);
    }
}
