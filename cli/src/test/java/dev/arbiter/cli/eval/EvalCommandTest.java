package dev.arbiter.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.testing.CassetteRecorder;
import dev.arbiter.eval.report.JsonReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new EvalCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static final String[] COUNTRIES = {"France", "Germany", "Japan", "Italy", "Spain", "Portugal"};
    private static final Map<String, String> RIGHT = Map.of("France", "Paris", "Germany", "Berlin", "Japan", "Tokyo",
            "Italy", "Rome", "Spain", "Madrid", "Portugal", "Lisbon");
    private static final Map<String, String> WRONG = Map.of("France", "Lyon", "Germany", "Bonn", "Japan", "Kyoto",
            "Italy", "Milan", "Spain", "Madrid", "Portugal", "Porto");

    private void cassette(String name, Map<String, String> answers) {
        CassetteRecorder recorder = CassetteRecorder.of(r -> {
            String text = ((Message.User) r.messages().get(0)).text();
            return Generation.builder().modelId(name).text(answers.get(text.substring(11, text.length() - 1))).build();
        }, dir.resolve(name + ".jsonl"));
        for (String c : COUNTRIES) {
            recorder.generate(GenerationRequest.of(Message.user("Capital of " + c + "?")));
        }
    }

    private Path suite(String model, String baseline) throws IOException {
        Path p = dir.resolve("suite-" + model + ".yaml");
        Files.writeString(p, """
                name: capitals
                goldenSet: capitals.jsonl
                subject: {id: atlas@%s, type: cassette, cassette: %s.jsonl, prompt: "Capital of {{input}}?"}
                scorers: [{name: exact, type: exact}]
                gate: {minPassRate: {exact: 0.5}}
                reports: reports-%s
                %s
                """.formatted(model, model, model, baseline));
        return p;
    }

    @BeforeEach
    void files() throws IOException {
        StringBuilder set = new StringBuilder("{\"goldenSet\": {\"name\": \"capitals\", \"version\": \"1\"}}\n");
        for (String c : COUNTRIES) {
            set.append("{\"id\": \"").append(c.toLowerCase()).append("\", \"input\": \"").append(c)
                    .append("\", \"expected\": \"").append(RIGHT.get(c)).append("\"}\n");
        }
        Files.writeString(dir.resolve("capitals.jsonl"), set.toString());
        cassette("good", RIGHT);
        cassette("bad", WRONG);
    }

    @Test
    void runWritesTheReportsAndExitsZeroWhenTheGatePasses() throws IOException {
        int code = run("run", "--progress", "SUMMARY", suite("good", "").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("gate: passed", "ok   min pass rate of 'exact': 1.000 >= 0.500");
        assertThat(err.toString()).startsWith("eval capitals [atlas@good on capitals@1]: 6 cases x1, exact 100.0%");
        assertThat(dir.resolve("reports-good/report.html")).exists();
        assertThat(JsonReport.read(dir.resolve("reports-good/scorecard.json")).run().subjectId()).isEqualTo("atlas@good");
    }

    @Test
    void runExitsOneWhenTheGateFailsOnTheBaseline() throws IOException {
        assertThat(run("run", "--progress", "SILENT", "--write-baseline", dir.resolve("baseline.json").toString(),
                suite("good", "").toString())).isZero();

        int code = run("run", "--progress", "SILENT", suite("bad", "baseline: baseline.json").toString());

        assertThat(code).isEqualTo(EvalCommand.GATE_FAILED);
        assertThat(out.toString()).contains("compared with baseline", "regressions: 5",
                "france [exact] 1.00 -> 0.00: expected \"Paris\", got \"Lyon\"", "gate: FAILED",
                "FAIL min pass rate of 'exact': 0.167 < 0.500", "FAIL max significant regression of 'exact'");
        assertThat(dir.resolve("reports-bad/comparison.json")).exists();
    }

    @Test
    void compareExitsOneOnASignificantRegressionAndWritesTheReport() throws IOException {
        run("run", "--progress", "SILENT", suite("good", "").toString());
        run("run", "--progress", "SILENT", suite("bad", "").toString());

        int same = run("compare", dir.resolve("reports-good/scorecard.json").toString(),
                dir.resolve("reports-good/scorecard.json").toString());
        int worse = run("compare", "--out", dir.resolve("cmp").toString(),
                dir.resolve("reports-good/scorecard.json").toString(), dir.resolve("reports-bad/scorecard.json").toString());

        assertThat(same).isZero();
        assertThat(worse).isEqualTo(EvalCommand.GATE_FAILED);
        assertThat(out.toString()).contains("SIGNIFICANT REGRESSION", "regressions: 5");
        assertThat(Files.readString(dir.resolve("cmp/report.html"))).contains("id=\"regressions\"");
    }

    @Test
    void compareTakesThresholdsFromOptions() throws IOException {
        run("run", "--progress", "SILENT", suite("good", "").toString());

        int code = run("compare", "--min-pass-rate", "exact=1.0", "--min-pass-rate", "missing=0.5",
                dir.resolve("reports-good/scorecard.json").toString(),
                dir.resolve("reports-good/scorecard.json").toString());

        assertThat(code).isEqualTo(EvalCommand.GATE_FAILED);
        assertThat(out.toString()).contains("ok   min pass rate of 'exact'", "FAIL min pass rate of 'missing'");
    }

    @Test
    void invalidInputExitsTwoNamingTheProblem() throws IOException {
        Path bad = dir.resolve("bad-suite.yaml");
        Files.writeString(bad, "goldenSet: capitals.jsonl\nsubject: {id: x, type: magic}\nscorers: []\n");

        assertThat(run("run", bad.toString())).isEqualTo(EvalCommand.INVALID_INPUT);
        assertThat(err.toString()).contains("bad-suite.yaml: /subject/type: unknown subject type 'magic'");
        assertThat(run("compare", bad.toString(), bad.toString())).isEqualTo(EvalCommand.INVALID_INPUT);
        assertThat(run("run", "--progress", "SILENT", suite("good", "baseline: nowhere.json").toString()))
                .isEqualTo(EvalCommand.INVALID_INPUT);
        assertThat(err.toString()).contains("nowhere.json does not exist");
    }

    @Test
    void theGroupAloneShowsItsUsage() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(out.toString()).contains("run", "compare");
    }
}
