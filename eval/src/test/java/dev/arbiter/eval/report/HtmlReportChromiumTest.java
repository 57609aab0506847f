package dev.arbiter.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.Gate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a comparison report in a real headless Chromium (Debian's {@code chromium}) and checks that its script
 * ran without any console message and that the regressions and the charts are in the rendered page. Runs only
 * where {@code /usr/bin/chromium} exists; {@code scripts/check-report-html.sh} does the same from a shell.
 */
class HtmlReportChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theComparisonReportRendersInHeadlessChromiumWithoutErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        Comparison comparison = Comparison.of(Samples.card("v1", false), Samples.card("v2", true));
        Path report = dir.resolve("report.html");
        HtmlReport.write(comparison, Gate.builder().build().evaluate(comparison), report);
        Path dom = dir.resolve("dom.html");
        Path console = dir.resolve("console.log");

        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr", "--v=0", "--dump-dom", report.toUri().toString()))
                .redirectOutput(dom.toFile()).redirectError(console.toFile()).start();
        boolean finished = chromium.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            chromium.destroyForcibly();
        }

        assertThat(finished).as("chromium finished within 90 s").isTrue();
        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        assertThat(rendered).as("the report's script ran to its end").contains("data-ready=\"true\"");
        assertThat(rendered).contains("id=\"regressions\"", "<svg id=\"comparison-bars\"", "<svg id=\"metric-bars\"",
                ">4 of 4 cases shown</span>");
        assertThat(Files.readAllLines(console, StandardCharsets.UTF_8))
                .as("console messages of the page").noneMatch(line -> line.contains(":CONSOLE"));
    }
}
