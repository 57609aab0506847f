package dev.arbiter.eval.internal;

import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.RunInfo;
import dev.arbiter.eval.Spend;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The frame of an HTML report: head, run information, gate and footer. Not thread-safe; one per page. */
public final class HtmlPage {

    private final StringBuilder html = new StringBuilder(64 * 1024);

    /** Starts a page with the title. */
    public HtmlPage(String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Arbiter eval\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(Html.STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(Html.escape(title)).append("</h1>\n");
    }

    /** Appends raw HTML. */
    public HtmlPage raw(String fragment) {
        html.append(fragment);
        return this;
    }

    /** Appends a section heading. */
    public HtmlPage heading(String id, String text) {
        html.append("<h2 id=\"").append(Html.escape(id)).append("\">").append(Html.escape(text)).append("</h2>\n");
        return this;
    }

    /** Appends the description of a run. */
    public HtmlPage run(String caption, RunInfo run) {
        html.append("<section class=\"run\"><h2>").append(Html.escape(caption)).append("</h2>\n<dl class=\"run\">");
        item("subject", run.subjectId());
        item("golden set", run.goldenSet() + "@" + run.goldenSetVersion());
        item("golden set digest", run.goldenSetDigest().isEmpty() ? "(not computable)" : run.goldenSetDigest());
        item("models", run.modelIds().isEmpty() ? "(none reported)" : String.join(", ", run.modelIds()));
        for (Map.Entry<String, String> c : run.contracts().entrySet()) {
            item("contract " + c.getKey(), c.getValue());
        }
        item("repeats", Integer.toString(run.repeats()));
        item("started", run.startedAt().toString());
        item("elapsed", String.format(Locale.ROOT, "%.1f s", run.elapsed().toMillis() / 1000.0));
        item("spend", spend(run.spend()));
        html.append("</dl></section>\n");
        return this;
    }

    private void item(String name, String value) {
        html.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(Html.escape(value)).append("</dd>");
    }

    /** Returns a spend in words. */
    public static String spend(Spend s) {
        String cost = s.cost().signum() > 0 ? ", cost " + s.cost().stripTrailingZeros().toPlainString()
                + (s.unpricedCalls() > 0 ? " (+" + s.unpricedCalls() + " unpriced calls)" : "") : "";
        return String.format(Locale.ROOT, "%d provider calls (%d retries), %d cache hits, %d input + %d output tokens"
                + " (%d cached)%s", s.providerCalls(), s.retries(), s.cacheHits(), s.usage().inputTokens(),
                s.usage().outputTokens(), s.cachedUsage().totalTokens(), cost);
    }

    /** Appends the gate's decision and checks, when there is one. */
    public HtmlPage gate(@Nullable GateResult gate) {
        if (gate == null) {
            return this;
        }
        html.append("<section id=\"gate\"><div class=\"banner ").append(gate.passed() ? "pass" : "fail")
                .append("\" id=\"gate-result\">Gate ").append(gate.passed() ? "passed" : "FAILED").append("</div>\n")
                .append("<ul class=\"checks\">");
        List<GateResult.Check> checks = gate.checks();
        for (GateResult.Check c : checks) {
            html.append("<li class=\"").append(c.ok() ? "ok" : "violation").append("\">")
                    .append(Html.escape(c.rule())).append(": ").append(Html.escape(c.message())).append("</li>");
        }
        html.append("</ul></section>\n");
        return this;
    }

    /** Appends notes, when there are any. */
    public HtmlPage notes(List<String> notes) {
        if (!notes.isEmpty()) {
            html.append("<div class=\"notes\" id=\"notes\"><strong>Notes</strong><ul>");
            notes.forEach(n -> html.append("<li>").append(Html.escape(n)).append("</li>"));
            html.append("</ul></div>\n");
        }
        return this;
    }

    /** Ends the page with the footer and the script, and returns it. */
    public String finish(String footer) {
        html.append("<footer>").append(Html.escape(footer)).append("</footer>\n</main>\n<script>\n")
                .append(Html.SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }
}
