package dev.arbiter.eval.internal;

import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.MetricComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sections of an HTML report that show a comparison: regressions first. Stateless and thread-safe. */
public final class ComparisonHtml {

    private ComparisonHtml() {}

    /** Appends the regressions, the metric comparison and the improvements. */
    public static void sections(HtmlPage page, Comparison comparison) {
        List<CaseChange> worse = comparison.changes().stream()
                .filter(c -> c.kind() == CaseChange.Kind.REGRESSED || c.kind() == CaseChange.Kind.SCORE_DOWN).toList();
        List<CaseChange> better = comparison.changes().stream()
                .filter(c -> c.kind() == CaseChange.Kind.IMPROVED || c.kind() == CaseChange.Kind.SCORE_UP).toList();
        page.heading("regressions", "Regressions (" + comparison.regressions().size() + " case results passed before"
                + " and fail now; " + (worse.size() - comparison.regressions().size()) + " lower scores)");
        page.raw(worse.isEmpty() ? "<p id=\"no-regressions\">No case got worse.</p>\n" : table("regression-table", worse));
        metrics(page, comparison);
        page.heading("improvements", "Improvements (" + better.size() + ")");
        page.raw(better.isEmpty() ? "<p>No case got better.</p>\n" : table("improvement-table", better));
    }

    private static void metrics(HtmlPage page, Comparison comparison) {
        page.heading("metric-comparison", "Metrics: baseline vs candidate");
        List<Svg.Pair> pairs = new ArrayList<>();
        for (MetricComparison m : comparison.metrics()) {
            pairs.add(new Svg.Pair(m.metric(), m.baselinePassRate(), m.candidatePassRate(), m.significantRegression()));
        }
        page.raw("<figure>" + Svg.pairs("comparison-bars", "Case pass rate, baseline vs candidate", pairs)
                + "</figure>\n");
        StringBuilder t = new StringBuilder("<table id=\"comparison-table\"><thead><tr><th>metric</th><th>cases</th>"
                + "<th>baseline</th><th>candidate</th><th>regressed</th><th>improved</th><th>McNemar p</th>"
                + "<th>mean score Δ [" + Math.round(comparison.options().confidence() * 100) + "% CI]</th>"
                + "<th>significant regression</th></tr></thead><tbody>");
        for (MetricComparison m : comparison.metrics()) {
            t.append("<tr").append(m.significantRegression() ? " class=\"regressed\"" : "").append("><td>")
                    .append(Html.escape(m.metric())).append("</td>").append(num(Integer.toString(m.pairs())))
                    .append(num(Svg.pct(m.baselinePassRate()))).append(num(Svg.pct(m.candidatePassRate())))
                    .append(num(Integer.toString(m.regressions()))).append(num(Integer.toString(m.improvements())))
                    .append(num(String.format(Locale.ROOT, "%.4f", m.pValue())))
                    .append(num(String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", m.meanScoreDelta(), m.ciLow(),
                            m.ciHigh())))
                    .append("<td class=\"").append(m.significantRegression() ? "fail" : "pass").append("\">")
                    .append(m.significantRegression() ? "yes" : "no").append("</td></tr>");
        }
        page.raw(t.append("</tbody></table>\n<p class=\"muted\">Cases pass a metric when more than half of their"
                + " trials pass. p: McNemar's exact two-sided test on the discordant cases. CI: percentile paired"
                + " bootstrap of the mean score difference, " + comparison.options().resamples() + " resamples, seed "
                + comparison.options().seed() + ". Significant regression: p &lt; " + comparison.options().alpha()
                + " with more regressions than improvements, or the whole interval below 0.</p>\n").toString());
    }

    private static String table(String id, List<CaseChange> changes) {
        StringBuilder t = new StringBuilder("<table id=\"" + id + "\" class=\"sortable\"><thead><tr><th>case</th>"
                + "<th>metric</th><th>change</th><th>baseline</th><th>candidate</th><th>Δ</th><th>why (candidate)</th>"
                + "<th>why (baseline)</th></tr></thead><tbody>");
        for (CaseChange c : changes) {
            t.append("<tr").append(c.kind() == CaseChange.Kind.REGRESSED ? " class=\"regressed\"" : "").append("><td>")
                    .append(Html.escape(c.caseId())).append("</td><td>").append(Html.escape(c.metric()))
                    .append("</td><td>").append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</td>").append(num(String.format(Locale.ROOT, "%.2f", c.baselineScore())))
                    .append(num(String.format(Locale.ROOT, "%.2f", c.candidateScore())))
                    .append(num(String.format(Locale.ROOT, "%+.2f", c.delta()))).append("<td>")
                    .append(Html.escape(Text.preview(c.candidateExplanation(), 300))).append("</td><td>")
                    .append(Html.escape(Text.preview(c.baselineExplanation(), 300))).append("</td></tr>");
        }
        return t.append("</tbody></table>\n").toString();
    }

    private static String num(String text) {
        return "<td class=\"num\">" + Html.escape(text) + "</td>";
    }
}
