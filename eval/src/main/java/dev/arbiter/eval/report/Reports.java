package dev.arbiter.eval.report;

import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Scorecard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes every report of a run into one directory: {@code scorecard.json}, {@code report.html} and
 * {@code junit.xml}, plus {@code comparison.json} when there is a baseline. Stateless and thread-safe.
 */
public final class Reports {

    private Reports() {}

    /**
     * Writes the reports of a run, compared with a baseline when {@code comparison} is given, and returns the files
     * written.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public static List<Path> writeAll(Path directory, Scorecard scorecard, @Nullable Comparison comparison,
            @Nullable GateResult gate) {
        List<Path> written = new ArrayList<>();
        Path json = directory.resolve("scorecard.json");
        JsonReport.write(scorecard, json);
        written.add(json);
        Path html = directory.resolve("report.html");
        if (comparison != null) {
            Path c = directory.resolve("comparison.json");
            JsonReport.write(comparison, gate, c);
            written.add(c);
            HtmlReport.write(comparison, gate, html);
        } else {
            HtmlReport.write(scorecard, gate, html);
        }
        written.add(html);
        Path xml = directory.resolve("junit.xml");
        JUnitXmlReport.write(scorecard, gate, xml);
        written.add(xml);
        return written;
    }

    static void writeString(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file, e);
        }
    }
}
