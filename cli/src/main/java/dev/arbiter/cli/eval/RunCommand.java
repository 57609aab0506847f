package dev.arbiter.cli.eval;

import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Progress;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.SuiteFile;
import dev.arbiter.eval.report.JsonReport;
import dev.arbiter.eval.report.Reports;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter eval run SUITE_FILE}: runs the suite a YAML file describes (see {@code docs/eval.md}), compares
 * it with the file's baseline when there is one, applies the gate, writes the reports (scorecard.json,
 * comparison.json, report.html, junit.xml) and prints the gate's checks. Exit code 0 when the gate passes, 1 when
 * it fails, 2 when the suite file or a file it names is not valid.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an eval suite file, write its reports and gate it (exit 1 when the gate fails).")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SUITE_FILE", description = "The suite file (YAML).")
    Path suiteFile;

    @Option(names = "--reports", paramLabel = "DIR", description = "Where to write the reports (default: the suite"
            + " file's 'reports', or target/arbiter-eval/<suite>).")
    Path reports;

    @Option(names = "--baseline", paramLabel = "SCORECARD", description = "Compare with this scorecard instead of"
            + " the suite file's baseline.")
    Path baseline;

    @Option(names = "--no-baseline", description = "Do not compare with any baseline.")
    boolean noBaseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Also write this run's scorecard here,"
            + " to serve as a later run's baseline.")
    Path writeBaseline;

    @Option(names = "--progress", defaultValue = "AUTO", description = "AUTO (a bar on a terminal), SUMMARY or"
            + " SILENT (default: ${DEFAULT-VALUE}).")
    Progress progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SuiteFile file = SuiteFile.load(suiteFile);
            Path base = noBaseline ? null : baseline != null ? baseline : file.baseline().orElse(null);
            if (base != null && !Files.exists(base)) {
                err.println("baseline " + base + " does not exist (write one with --write-baseline, or run with"
                        + " --no-baseline)");
                return EvalCommand.INVALID_INPUT;
            }
            Scorecard scorecard = file.harness().progress(progress).progressOutput(new PrintStream(
                    new WriterStream(err), true, java.nio.charset.StandardCharsets.UTF_8)).build().run(file.suite());
            Comparison comparison = base == null ? null : Comparison.of(JsonReport.read(base), scorecard);
            GateResult gate = comparison == null ? file.gate().evaluate(scorecard) : file.gate().evaluate(comparison);
            List<Path> written = Reports.writeAll(reports != null ? reports : file.reports(), scorecard, comparison,
                    gate);
            if (writeBaseline != null) {
                JsonReport.write(scorecard, writeBaseline);
                written = new java.util.ArrayList<>(written);
                written.add(writeBaseline);
            }
            if (comparison != null) {
                out.println("compared with baseline " + base + " (" + comparison.baseline().run().subjectId() + ")");
                Printing.comparison(out, comparison, 10);
            }
            Printing.gate(out, gate);
            written.forEach(p -> out.println("wrote " + p));
            out.flush();
            return gate.passed() ? CommandLine.ExitCode.OK : EvalCommand.GATE_FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("eval run: " + e.getMessage());
            err.flush();
            return EvalCommand.INVALID_INPUT;
        }
    }
}
