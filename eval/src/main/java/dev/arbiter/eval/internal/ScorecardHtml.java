package dev.arbiter.eval.internal;

import dev.arbiter.eval.CaseResult;
import dev.arbiter.eval.MetricSummary;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Trial;
import dev.arbiter.eval.TrialOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The sections of an HTML report that show one scorecard. Stateless and thread-safe. */
public final class ScorecardHtml {

    private static final int OUTPUT_PREVIEW = 4_000;

    private ScorecardHtml() {}

    /** Appends the per-metric bars, the score distributions, the per-tag table and the per-case table. */
    public static void sections(HtmlPage page, Scorecard scorecard, Set<String> regressedCases) {
        metrics(page, scorecard);
        distributions(page, scorecard);
        tags(page, scorecard);
        cases(page, scorecard, regressedCases);
    }

    private static void metrics(HtmlPage page, Scorecard scorecard) {
        page.heading("metrics", "Pass rate per metric");
        List<Svg.Bar> bars = new ArrayList<>();
        for (MetricSummary m : scorecard.summaries()) {
            bars.add(new Svg.Bar(m.name(), m.passRate(), Svg.pct(m.passRate())));
        }
        page.raw("<figure>" + Svg.bars("metric-bars", "Pass rate per metric", bars) + "</figure>\n");
        StringBuilder t = new StringBuilder("<table id=\"metric-table\"><thead><tr><th>metric</th><th>pass rate"
                + " (trials)</th><th>pass rate (cases)</th><th>mean score</th><th>flaky cases</th><th>judge"
                + " agreement</th></tr></thead><tbody>");
        for (MetricSummary m : scorecard.summaries()) {
            t.append("<tr><td>").append(Html.escape(m.name())).append("</td>")
                    .append(num(Svg.pct(m.passRate()))).append(num(Svg.pct(m.casePassRate())))
                    .append(num(String.format(Locale.ROOT, "%.3f", m.meanScore())))
                    .append(num(Integer.toString(m.flakyCases()))).append("<td>").append(Html.escape(judge(m)))
                    .append("</td></tr>");
        }
        page.raw(t.append("</tbody></table>\n").toString());
    }

    private static String judge(MetricSummary m) {
        if (!m.info().isJudge()) {
            return "deterministic";
        }
        return m.info().agreement().map(a -> String.format(Locale.ROOT,
                "LLM judge: kappa %.3f, raw agreement %.1f%% on %d labels", a.kappa(), 100 * a.rawAgreement(),
                a.examples())).orElse("LLM judge: agreement with people NOT MEASURED");
    }

    private static void distributions(HtmlPage page, Scorecard scorecard) {
        page.heading("distributions", "Score distributions");
        StringBuilder s = new StringBuilder("<div class=\"charts\">");
        for (MetricSummary m : scorecard.summaries()) {
            s.append("<figure><figcaption>").append(Html.escape(m.name())).append("</figcaption>")
                    .append(Svg.histogram("hist-" + m.name(), "Score distribution of " + m.name(), m.histogram()))
                    .append("</figure>");
        }
        page.raw(s.append("</div>\n").toString());
    }

    private static void tags(HtmlPage page, Scorecard scorecard) {
        Set<String> tags = scorecard.tags();
        if (tags.isEmpty()) {
            return;
        }
        page.heading("tags", "Pass rate per tag");
        StringBuilder t = new StringBuilder("<table id=\"tag-table\" class=\"sortable\"><thead><tr><th>tag</th>"
                + "<th>cases</th>");
        scorecard.metricNames().forEach(m -> t.append("<th>").append(Html.escape(m)).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (String tag : tags) {
            long n = scorecard.cases().stream().filter(c -> c.tags().contains(tag)).count();
            t.append("<tr><td>").append(Html.escape(tag)).append("</td>").append(num(Long.toString(n)));
            for (MetricSummary m : scorecard.summaries()) {
                double rate = m.passRateByTag().getOrDefault(tag, 0.0);
                t.append("<td class=\"num ").append(rate >= 0.9 ? "pass" : rate < 0.6 ? "fail" : "")
                        .append("\" data-key=\"").append(rate).append("\">").append(Svg.pct(rate)).append("</td>");
            }
            t.append("</tr>");
        }
        page.raw(t.append("</tbody></table>\n").toString());
    }

    private static void cases(HtmlPage page, Scorecard scorecard, Set<String> regressedCases) {
        page.heading("cases", "Cases");
        page.raw("<div class=\"toolbar\"><label>Filter <input id=\"case-filter\" type=\"search\""
                + " placeholder=\"id, tag or text\"></label><label><input id=\"failing-only\" type=\"checkbox\">"
                + " failing only</label><span id=\"case-count\" class=\"muted\"></span></div>\n");
        StringBuilder t = new StringBuilder("<table id=\"case-table\" class=\"sortable\"><thead><tr><th>case</th>"
                + "<th>tags</th>");
        scorecard.metricNames().forEach(m -> t.append("<th>").append(Html.escape(m)).append("</th>"));
        t.append("<th>output</th></tr></thead><tbody>\n");
        List<CaseResult> ordered = new ArrayList<>(scorecard.cases());
        ordered.sort((a, b) -> Boolean.compare(!regressedCases.contains(a.caseId()), !regressedCases.contains(b.caseId())));
        for (CaseResult c : ordered) {
            boolean failed = scorecard.metricNames().stream().anyMatch(m -> !c.passed(m)) || c.hasFailures();
            String search = (c.caseId() + " " + String.join(" ", c.tags()) + " " + firstOutput(c))
                    .toLowerCase(Locale.ROOT);
            t.append("<tr class=\"case").append(regressedCases.contains(c.caseId()) ? " regressed" : "")
                    .append("\" data-failed=\"").append(failed).append("\" data-search=\"")
                    .append(Html.escape(Text.preview(search, 2_000))).append("\"><td>").append(Html.escape(c.caseId()))
                    .append("</td><td>").append(Html.escape(String.join(", ", c.tags()))).append("</td>");
            for (String m : scorecard.metricNames()) {
                t.append(cell(c, m));
            }
            t.append("<td>").append(outputs(c)).append("</td></tr>\n");
        }
        page.raw(t.append("</tbody></table>\n").toString());
    }

    private static String cell(CaseResult c, String metric) {
        StringBuilder title = new StringBuilder();
        for (Trial t : c.trials()) {
            Score s = t.score(metric);
            title.append(c.trials().size() > 1 ? "trial " + t.repeat() + ": " : "").append(s.explanation()).append('\n');
        }
        String shown = c.trials().size() == 1 ? String.format(Locale.ROOT, "%.2f", c.meanScore(metric))
                : String.format(Locale.ROOT, "%.2f (%d/%d)", c.meanScore(metric), c.passes(metric), c.trials().size());
        return "<td class=\"num " + (c.passed(metric) ? "pass" : "fail") + (c.flaky(metric) ? " flaky" : "")
                + "\" data-key=\"" + c.meanScore(metric) + "\" title=\"" + Html.escape(title.toString().strip()) + "\">"
                + shown + "</td>";
    }

    private static String firstOutput(CaseResult c) {
        TrialOutcome o = c.trials().get(0).outcome();
        return o instanceof TrialOutcome.Produced p ? p.text() : ((TrialOutcome.Failed) o).message();
    }

    private static String outputs(CaseResult c) {
        StringBuilder s = new StringBuilder("<details><summary>")
                .append(Html.escape(Text.preview(firstOutput(c), 60))).append("</summary>");
        for (Trial t : c.trials()) {
            if (c.trials().size() > 1) {
                s.append("<div class=\"muted\">trial ").append(t.repeat()).append("</div>");
            }
            if (t.outcome() instanceof TrialOutcome.Produced p) {
                s.append("<pre>").append(Html.escape(Text.cut(p.text(), OUTPUT_PREVIEW))).append("</pre>");
            } else {
                TrialOutcome.Failed f = (TrialOutcome.Failed) t.outcome();
                s.append("<pre class=\"error\">").append(Html.escape(f.kind() + ": " + f.message())).append("</pre>");
            }
            s.append("<ul>");
            t.scores().forEach((m, score) -> s.append("<li>").append(Html.escape(m)).append(": ")
                    .append(Html.escape(score.explanation())).append("</li>"));
            s.append("</ul>");
        }
        return s.append("</details>").toString();
    }

    private static String num(String text) {
        return "<td class=\"num\">" + Html.escape(text) + "</td>";
    }
}
