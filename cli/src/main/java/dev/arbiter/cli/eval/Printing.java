package dev.arbiter.cli.eval;

import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.MetricComparison;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How the eval commands print comparisons and gates. Stateless. */
final class Printing {

    private Printing() {}

    static void comparison(PrintWriter out, Comparison comparison, int shown) {
        comparison.notes().forEach(n -> out.println("note: " + n));
        out.printf(Locale.ROOT, "%-24s %6s %9s %9s %9s %9s %10s  %s%n", "metric", "cases", "baseline", "candidate",
                "regressed", "improved", "McNemar p", "mean score delta [CI]");
        for (MetricComparison m : comparison.metrics()) {
            out.printf(Locale.ROOT, "%-24s %6d %8.1f%% %8.1f%% %9d %9d %10.4f  %+.3f [%+.3f, %+.3f]%s%n", m.metric(),
                    m.pairs(), 100 * m.baselinePassRate(), 100 * m.candidatePassRate(), m.regressions(),
                    m.improvements(), m.pValue(), m.meanScoreDelta(), m.ciLow(), m.ciHigh(),
                    m.significantRegression() ? "  SIGNIFICANT REGRESSION" : "");
        }
        List<CaseChange> regressions = comparison.regressions();
        out.println("regressions: " + regressions.size());
        for (CaseChange c : regressions.subList(0, Math.min(shown, regressions.size()))) {
            out.printf(Locale.ROOT, "  %s [%s] %.2f -> %.2f: %s%n", c.caseId(), c.metric(), c.baselineScore(),
                    c.candidateScore(), c.candidateExplanation());
        }
        if (regressions.size() > shown) {
            out.println("  and " + (regressions.size() - shown) + " more (see the report)");
        }
    }

    static void gate(PrintWriter out, GateResult gate) {
        out.println("gate: " + (gate.passed() ? "passed" : "FAILED"));
        gate.checks().forEach(c -> out.println("  " + c));
    }
}
