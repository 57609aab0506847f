package dev.arbiter.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SchemasCommandTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new SchemasCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void agreesWithTheLabelsOfARealJsonSchemaBenchFile() {
        Path file = TestData.dir().resolve("jsonschemabench/Github_ultra.jsonl.gz");
        Run run = run(file.toString());
        assertThat(run.exitCode()).isZero();
        Matcher closing = Pattern.compile("agreement (\\d+\\.\\d+)% \\((\\d+) of (\\d+) instances\\)").matcher(run.out());
        assertThat(closing.find()).as(run.out()).isTrue();
        assertThat(Integer.parseInt(closing.group(3))).isEqualTo(366);
        assertThat(Double.parseDouble(closing.group(1))).isGreaterThanOrEqualTo(99.5);
        assertThat(run.out()).contains("Github_ultra").contains("disagreements by cause");
    }

    @Test
    void countsAndExplainsADisagreement(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rows.jsonl");
        Files.writeString(file, """
                {"id":"r1","category":"Tiny","features":["format","format:date-time"],"schema":{"type":"object","properties":{"when":{"type":"string","format":"date-time"}}},"tests":[{"valid":true,"data":{"when":"2024-05-01T12:00:00Z"},"description":"ok"},{"valid":true,"data":{"when":"yesterday"},"description":"mislabelled"}]}
                {"id":"r2","category":"Tiny","features":[],"schema":{"type":"integer"},"tests":[{"valid":false,"data":"7","description":"negative"}]}
                """);
        Run run = run(file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("Tiny\\s+3\\s+2\\s+66\\.667%")
                .contains("format assertion")
                .contains("r1 test 1: label valid, verdict fail; format assertion: /when: \"yesterday\" is not a valid date-time")
                .contains("agreement 66.667% (2 of 3 instances)");
    }

    @Test
    void booleanSchemasAreVerifiedAsTheEquivalentObject(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bool.jsonl");
        Files.writeString(file, """
                {"id":"t","category":"Bool","schema":true,"tests":[{"valid":true,"data":{"a":1},"description":"any"}]}
                {"id":"f","category":"Bool","schema":false,"tests":[{"valid":false,"data":1,"description":"none"}]}
                """);
        assertThat(run(file.toString()).out()).contains("agreement 100.000% (2 of 2 instances)");
    }

    @Test
    void missingPathIsAUsageError(@TempDir Path dir) {
        Run run = run(dir.resolve("nothing-here").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file or folder");
    }

    @Test
    void malformedRowNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"x\",\"schema\":{}}\n");
        Run run = run(file.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("bad.jsonl line 1");
    }
}
