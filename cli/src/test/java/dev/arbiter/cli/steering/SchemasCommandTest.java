package dev.arbiter.cli.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SchemasCommandTest {

    /** Five rows in the JSONSchemaBench format; the outcomes are known by construction. */
    private static final String ROWS = String.join("\n",
            // A: strict already: compiles, exact.
            "{\"id\":\"a\",\"category\":\"A\",\"schema\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}},"
                    + "\"required\":[\"x\"],\"additionalProperties\":false},\"tests\":[]}",
            // A: optional property: compiles, relaxed (nullable: weakened).
            "{\"id\":\"b\",\"category\":\"A\",\"schema\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}},"
                    + "\"additionalProperties\":false},\"tests\":[]}",
            // A: open map: compiles, falls back.
            "{\"id\":\"c\",\"category\":\"A\",\"schema\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
                    + "\"tests\":[]}",
            // B: invalid pattern: does not compile; closed with declared properties: relaxed (narrowed only).
            "{\"id\":\"d\",\"category\":\"B\",\"schema\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\","
                    + "\"pattern\":\"(\"}},\"required\":[\"x\"]},\"tests\":[]}",
            // B: root array: compiles, falls back.
            "{\"id\":\"e\",\"category\":\"B\",\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"tests\":[]}",
            "not json");

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new SteeringCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(new StringWriter()));
        int code = cmd.execute(args);
        assertThat(code).isZero();
        return out.toString();
    }

    private static Path gz(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void sharesPerCategoryAreComputedFromTheRows(@TempDir Path dir) throws IOException {
        gz(dir, "sample.jsonl.gz", ROWS);

        String out = run("schemas", dir.toString());

        assertThat(out).contains("JSONSchemaBench: 5 schemas from 1 file(s)");
        assertThat(out).containsPattern("A\\s+3\\s+100\\.0%\\s+33\\.3%\\s+33\\.3%\\s+33\\.3%\\s+33\\.3%");
        assertThat(out).containsPattern("B\\s+2\\s+50\\.0%\\s+0\\.0%\\s+50\\.0%\\s+0\\.0%\\s+50\\.0%");
        assertThat(out).containsPattern("TOTAL\\s+5\\s+80\\.0%\\s+20\\.0%\\s+40\\.0%\\s+20\\.0%\\s+40\\.0%");
        assertThat(out).containsPattern("\\s+1\\s+open-map").containsPattern("\\s+1\\s+root-not-object");
        assertThat(out).containsPattern("\\s+1\\s+nullable required")
                .containsPattern("\\s+1\\s+narrowed additionalProperties");
        assertThat(out).contains("Rows that could not be read: 1");
        assertThat(out.strip()).endsWith("Totals: 5 schemas; 80.0% compile; OpenAI strict: 20.0% exact, 40.0% relaxed "
                + "(20.0% weakened), 40.0% fall back; largest causes of fallback: open-map (1), root-not-object (1)");
    }

    @Test
    void aSingleFileCanBeGiven(@TempDir Path dir) throws IOException {
        Path file = gz(dir, "one.jsonl.gz", ROWS.lines().limit(1).reduce("", String::concat));

        assertThat(run("schemas", file.toString())).contains("1 schemas from 1 file(s)");
    }

    @Test
    void steeringAloneShowsItsSubcommands() {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new SteeringCommand());
        cmd.setOut(new PrintWriter(out));

        cmd.execute();

        assertThat(out.toString()).contains("schemas");
    }
}
