package dev.arbiter.eval.junit;

import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.EvalHarness;
import dev.arbiter.eval.EvalSuite;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.report.JsonReport;
import dev.arbiter.eval.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * Runs eval suites inside a {@link GoldenSetTest}: runs the suite, compares it with the baseline when one is
 * configured, applies the gate, writes the reports, and fails the test with the violations and the regressions
 * when the gate fails. Made by {@link GoldenSetExtension}; not thread-safe (one per test invocation).
 */
public final class GoldenSetRunner {

    private static final int SHOWN_REGRESSIONS = 10;

    private final Path reports;
    private final @Nullable Path baseline;
    private final boolean updateBaseline;
    private final BiConsumer<String, String> publish;

    GoldenSetRunner(Path reports, @Nullable Path baseline, boolean updateBaseline, BiConsumer<String, String> publish) {
        this.reports = reports;
        this.baseline = baseline;
        this.updateBaseline = updateBaseline;
        this.publish = publish;
    }

    /** The directory this test's reports are written under. */
    public Path reportDirectory() {
        return reports;
    }

    /**
     * Runs the suite on the harness, gates it and writes its reports into {@code reportDirectory()/suite-name}.
     *
     * @return the scorecard, when the gate passed
     * @throws AssertionFailedError listing the gate's violations and the regressions, when the gate failed or the
     *     configured baseline does not exist
     */
    public Scorecard run(EvalHarness harness, EvalSuite<?, ?, ?> suite, Gate gate) {
        Objects.requireNonNull(gate, "gate");
        Scorecard scorecard = harness.run(suite);
        Path dir = reports.resolve(suite.name().replaceAll("[^A-Za-z0-9_.-]", "_"));
        Comparison comparison = null;
        if (baseline != null) {
            if (updateBaseline) {
                JsonReport.write(scorecard, baseline);
                publish.accept("arbiter-eval-baseline-updated", baseline.toString());
            } else if (!Files.exists(baseline)) {
                Reports.writeAll(dir, scorecard, null, gate.evaluate(scorecard));
                throw new AssertionFailedError("baseline " + baseline + " does not exist; to create it from this run,"
                        + " run the test with -D" + GoldenSetExtension.UPDATE_BASELINE + "=true (this run's reports: "
                        + dir + ")");
            } else {
                comparison = Comparison.of(JsonReport.read(baseline), scorecard);
            }
        }
        GateResult result = comparison == null ? gate.evaluate(scorecard) : gate.evaluate(comparison);
        Reports.writeAll(dir, scorecard, comparison, result);
        publish.accept("arbiter-eval-report", dir.resolve("report.html").toString());
        if (result instanceof GateResult.Failed failed) {
            throw new AssertionFailedError(message(suite.name(), failed, comparison, dir));
        }
        return scorecard;
    }

    static String message(String suite, GateResult.Failed failed, @Nullable Comparison comparison, Path dir) {
        StringBuilder s = new StringBuilder("eval suite '" + suite + "' failed its gate:");
        failed.violations().forEach(v -> s.append("\n  ").append(v));
        if (comparison != null && !comparison.regressions().isEmpty()) {
            List<CaseChange> regressions = comparison.regressions();
            s.append("\nregressions (").append(regressions.size()).append("):");
            for (CaseChange c : regressions.subList(0, Math.min(SHOWN_REGRESSIONS, regressions.size()))) {
                s.append(String.format(Locale.ROOT, "%n  %s [%s] %.2f -> %.2f: %s", c.caseId(), c.metric(),
                        c.baselineScore(), c.candidateScore(), c.candidateExplanation()));
            }
            if (regressions.size() > SHOWN_REGRESSIONS) {
                s.append("\n  and ").append(regressions.size() - SHOWN_REGRESSIONS).append(" more");
            }
        }
        return s.append("\nreports: ").append(dir.toAbsolutePath()).toString();
    }
}
