package dev.arbiter.eval.report;

import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.internal.ComparisonHtml;
import dev.arbiter.eval.internal.HtmlPage;
import dev.arbiter.eval.internal.ScorecardHtml;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A scorecard or a comparison as one self-contained HTML file: inline style, inline SVG charts and a small
 * inline script, no external URL, so it can be attached to a CI run and opened anywhere.
 *
 * <p>A scorecard report shows the run (subject, golden set, models, contracts, spend), the gate's checks when
 * given, a bar per metric, the score distribution of each metric, pass rates per tag and a table of every case
 * (filterable and sortable; each cell's tooltip is the scorer's explanation; outputs fold out). A comparison
 * report puts the regressions first, then the metrics of baseline and candidate side by side with McNemar's
 * p-value and the bootstrap interval, the improvements, and the candidate's scorecard sections, regressed cases
 * first. The script only filters and sorts; the page reads fully without it. When it has run it sets
 * {@code data-ready="true"} on the root element, which {@code scripts/check-report-html.sh} checks in a headless
 * browser.
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** Returns the report of a scorecard, with the gate's checks when given. */
    public static String toHtml(Scorecard scorecard, @Nullable GateResult gate) {
        HtmlPage page = new HtmlPage("Eval: " + scorecard.run().suite() + " — " + scorecard.run().subjectId());
        page.gate(gate).run("Run", scorecard.run());
        ScorecardHtml.sections(page, scorecard, Set.of());
        return page.finish("Arbiter eval report · " + scorecard.cases().size() + " cases · format "
                + "arbiter-eval/scorecard/1 in scorecard.json");
    }

    /** Returns the report of a comparison, with the gate's checks when given. */
    public static String toHtml(Comparison comparison, @Nullable GateResult gate) {
        Scorecard candidate = comparison.candidate();
        HtmlPage page = new HtmlPage("Eval comparison: " + candidate.run().suite() + " — "
                + comparison.baseline().run().subjectId() + " → " + candidate.run().subjectId());
        page.gate(gate).notes(comparison.notes());
        ComparisonHtml.sections(page, comparison);
        page.run("Baseline run", comparison.baseline().run()).run("Candidate run", candidate.run());
        Set<String> regressed = comparison.regressions().stream().map(CaseChange::caseId).collect(Collectors.toSet());
        ScorecardHtml.sections(page, candidate, regressed);
        return page.finish("Arbiter eval comparison report · " + comparison.metrics().size() + " metrics compared on "
                + (comparison.metrics().isEmpty() ? 0 : comparison.metrics().get(0).pairs()) + " paired cases");
    }

    /** Writes the report of a scorecard to the file, creating its directory. */
    public static void write(Scorecard scorecard, @Nullable GateResult gate, Path file) {
        Reports.writeString(file, toHtml(scorecard, gate));
    }

    /** Writes the report of a comparison to the file, creating its directory. */
    public static void write(Comparison comparison, @Nullable GateResult gate, Path file) {
        Reports.writeString(file, toHtml(comparison, gate));
    }
}
