package dev.arbiter.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GateResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    private static final Comparison COMPARISON = Comparison.of(Samples.card("v1", false), Samples.card("v2", true));

    @Test
    void aScorecardReportIsOneSelfContainedFile() {
        String html = HtmlReport.toHtml(Samples.card("v1", false), null);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).doesNotContain("http://", "https://", "<link", " src=", "@import", "url(");
        assertThat(html).contains("<svg id=\"metric-bars\"", "<svg id=\"hist-fields\"", "<svg id=\"hist-helpful\"",
                "id=\"case-table\"", "id=\"tag-table\"", "<script>");
    }

    @Test
    void everythingFromTheRunIsEscaped() {
        String html = HtmlReport.toHtml(Samples.card("v1", false), null);

        assertThat(html).contains("inv-003 &lt;script&gt;").doesNotContain("inv-003 <script>");
        assertThat(html).contains("&lt;/pre&gt;").contains("clear &amp; complete");
    }

    @Test
    void theRunAndTheJudgeAgreementAreShown() {
        String html = HtmlReport.toHtml(Samples.card("v1", false), null);

        assertThat(html).contains("gpt-4o-mini-2024-07-18", "invoices@3", "fp-9", "cost 0.00042",
                "LLM judge: kappa 0.798, raw agreement 91.7% on 60 labels");
    }

    @Test
    void aComparisonReportPutsTheRegressionsFirst() {
        GateResult gate = Gate.builder().minPassRate("fields", 0.9).build().evaluate(COMPARISON);

        String html = HtmlReport.toHtml(COMPARISON, gate);

        int regressions = html.indexOf("id=\"regressions\"");
        assertThat(html.indexOf("id=\"gate-result\"")).isPositive().isLessThan(regressions);
        assertThat(regressions).isLessThan(html.indexOf("id=\"comparison-bars\""));
        assertThat(html.indexOf("id=\"comparison-bars\"")).isLessThan(html.indexOf("id=\"metric-bars\""));
        assertThat(html).contains("Gate FAILED", "<tr class=\"regressed\"><td>inv-002</td><td>fields</td>"
                + "<td>regressed</td>");
        int firstCaseRow = html.indexOf("<tr class=\"case");
        assertThat(html.substring(firstCaseRow, firstCaseRow + 80)).contains("case regressed");
        assertThat(html).doesNotContain("http://", "https://");
    }

    @Test
    void writingCreatesTheDirectoryAndAllReports() throws Exception {
        GateResult gate = Gate.builder().build().evaluate(COMPARISON);

        List<Path> written = Reports.writeAll(dir.resolve("reports"), COMPARISON.candidate(), COMPARISON, gate);

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("scorecard.json", "comparison.json", "report.html", "junit.xml");
        assertThat(Files.readString(dir.resolve("reports/report.html"))).contains("id=\"regressions\"");
    }
}
