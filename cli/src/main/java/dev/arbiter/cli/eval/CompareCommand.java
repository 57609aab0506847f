package dev.arbiter.cli.eval;

import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.SuiteFile;
import dev.arbiter.eval.report.HtmlReport;
import dev.arbiter.eval.report.JsonReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter eval compare A B}: compares scorecard B (the candidate) with scorecard A (the baseline): per
 * metric the pass rates, the regressions and improvements, McNemar's p-value and the paired bootstrap interval of
 * the mean score; the regressions, largest first; and the gate's checks. The gate comes from {@code --suite} (a
 * suite file's gate) and/or the threshold options; with neither, it fails only on a significant regression.
 * Writes {@code comparison.json} and {@code report.html} into {@code --out} when given. Exit code 0 when the gate
 * passes, 1 when it fails, 2 when a scorecard is not valid.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two scorecards, baseline A and candidate B (exit 1 when the gate fails).")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The baseline scorecard (scorecard.json).")
    Path baseline;

    @Parameters(index = "1", paramLabel = "B", description = "The candidate scorecard (scorecard.json).")
    Path candidate;

    @Option(names = "--suite", paramLabel = "SUITE_FILE", description = "Take the gate from this suite file.")
    Path suite;

    @Option(names = "--min-pass-rate", paramLabel = "METRIC=RATE", description = "A minimum pass rate (repeatable).")
    Map<String, Double> minPassRates = new LinkedHashMap<>();

    @Option(names = "--max-regression", paramLabel = "DROP", description = "The largest drop a significant"
            + " regression may have (default: the suite's, or 0).")
    Double maxRegression;

    @Option(names = "--seed", defaultValue = "20240601", description = "The bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", defaultValue = "10000", description = "Bootstrap resamples (default:"
            + " ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--out", paramLabel = "DIR", description = "Write comparison.json and report.html here.")
    Path out;

    @Option(names = "--show", defaultValue = "10", description = "How many regressions to print (default:"
            + " ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Scorecard a = JsonReport.read(baseline);
            Scorecard b = JsonReport.read(candidate);
            Comparison comparison = Comparison.of(a, b, new Comparison.Options(resamples, 0.95, 0.05, seed));
            GateResult gate = gate().evaluate(comparison);
            o.println("baseline  " + baseline + ": " + a.run().subjectId() + " on " + a.run().goldenSet() + "@"
                    + a.run().goldenSetVersion());
            o.println("candidate " + candidate + ": " + b.run().subjectId() + " on " + b.run().goldenSet() + "@"
                    + b.run().goldenSetVersion());
            Printing.comparison(o, comparison, show);
            Printing.gate(o, gate);
            if (out != null) {
                JsonReport.write(comparison, gate, out.resolve("comparison.json"));
                HtmlReport.write(comparison, gate, out.resolve("report.html"));
                o.println("wrote " + out.resolve("comparison.json"));
                o.println("wrote " + out.resolve("report.html"));
            }
            o.flush();
            return gate.passed() ? CommandLine.ExitCode.OK : EvalCommand.GATE_FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("eval compare: " + e.getMessage());
            err.flush();
            return EvalCommand.INVALID_INPUT;
        }
    }

    private Gate gate() {
        Gate.Builder g = Gate.builder();
        if (suite != null) {
            Gate fromSuite = SuiteFile.load(suite).gate();
            fromSuite.minPassRates().forEach(g::minPassRate);
            g.maxRegression(fromSuite.maxRegression()).minJudgeKappa(fromSuite.minJudgeKappa());
            if (!fromSuite.checksRegressions()) {
                g.ignoreRegressions();
            }
        }
        minPassRates.forEach(g::minPassRate);
        if (maxRegression != null) {
            g.maxRegression(maxRegression);
        }
        return g.build();
    }
}
