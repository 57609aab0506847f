package dev.arbiter.examples.contracts;

import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.Usage;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.trace.TraceEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes the demo's HTML report: the verified clauses with their evidence, and every attempt's verdicts. */
final class DemoReport {

    private DemoReport() {}

    static void write(Path file, ContractDocument doc, Outcome<RiskReport> first, Outcome<RiskReport> last,
            List<TraceEvent> events, Usage usage, Optional<BigDecimal> cost) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Contract review: ")
                .append(esc(doc.title())).append("</title><style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;")
                .append("text-align:left;vertical-align:top}.high{color:#b00020;font-weight:bold}.medium{color:#a15c00}")
                .append(".pass{color:#1b5e20}.fail{color:#b00020}.review{color:#a15c00}blockquote{margin:.3em 0;")
                .append("padding:.2em .8em;border-left:3px solid #999;background:#f6f6f6}code{font-size:90%}")
                .append("</style></head><body>");
        h.append("<h1>Contract review: ").append(esc(doc.title())).append("</h1>");
        h.append("<p>First run: <b>").append(esc(ContractReviewDemo.describe(first))).append("</b>; final: <b>")
                .append(esc(ContractReviewDemo.describe(last))).append("</b>.</p>");
        if (last instanceof Outcome.Accepted<RiskReport> a) {
            h.append("<h2>Verified result</h2><table><tr><th>risk</th><th>section</th><th>clause</th>")
                    .append("<th>evidence (verbatim)</th><th>explanation</th></tr>");
            for (RiskReport.Clause c : a.value().clauses()) {
                h.append("<tr><td class=\"").append(esc(c.risk())).append("\">").append(esc(c.risk()))
                        .append("</td><td>").append(esc(c.section())).append("</td><td>").append(esc(c.title()))
                        .append("</td><td>");
                for (RiskReport.Citation q : c.citations()) {
                    h.append("<blockquote>").append(esc(q.quote())).append("</blockquote><small>")
                            .append(esc(q.source())).append("</small>");
                }
                h.append("</td><td>").append(esc(c.explanation())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>Attempts and verdicts</h2>");
        List<String> rows = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.AttemptStarted s) {
                rows.add("<tr><th colspan=\"3\">Attempt " + s.attempt() + "</th></tr>");
            } else if (e instanceof TraceEvent.VerificationEnded v) {
                Verdict verdict = v.verdict();
                if (verdict instanceof Verdict.Pass p) {
                    rows.add(row("pass", v.verifierId(), String.join("; ", p.notes())));
                } else if (verdict instanceof Verdict.Fail f) {
                    for (Finding finding : f.findings()) {
                        rows.add(row("fail", v.verifierId(), finding.mode() + " at " + finding.location().describe()
                                + ": " + finding.message()));
                    }
                } else if (verdict instanceof Verdict.HumanReview r) {
                    rows.add(row("review", v.verifierId(), r.reason()));
                }
            } else if (e instanceof TraceEvent.RemedyTaken r) {
                rows.add(row("fail", "remedy", r.remedy() + " for " + r.failureMode()));
            } else if (e instanceof TraceEvent.ApprovalDecided d) {
                rows.add(row(d.approved() ? "pass" : "fail", "lawyer", (d.approved() ? "approved by " : "rejected by ")
                        + d.approver() + " (" + d.pendingId() + ")"));
            }
        }
        h.append("<table>").append(String.join("", rows)).append("</table>");
        h.append("<h2>Usage</h2><p>").append(String.format(Locale.ROOT, "%,d input + %,d output tokens",
                usage.inputTokens(), usage.outputTokens()));
        cost.ifPresent(c -> h.append(", USD ").append(c.setScale(4, RoundingMode.HALF_UP).toPlainString()));
        h.append(".</p></body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    private static String row(String kind, String who, String what) {
        return "<tr><td class=\"" + kind + "\">" + kind + "</td><td><code>" + esc(who) + "</code></td><td>" + esc(what)
                + "</td></tr>";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
