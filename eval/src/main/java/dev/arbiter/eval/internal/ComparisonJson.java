package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.MetricComparison;
import org.jspecify.annotations.Nullable;

/** Writes comparisons as JSON trees in the format {@code arbiter-eval/comparison/1}. Stateless, thread-safe. */
public final class ComparisonJson {

    /** The format id written in every comparison file. */
    public static final String FORMAT = "arbiter-eval/comparison/1";

    private ComparisonJson() {}

    /** Returns the JSON tree of the comparison and, when given, the gate's result. */
    public static ObjectNode write(Comparison comparison, @Nullable GateResult gate) {
        ObjectNode root = ScorecardJson.F.objectNode();
        root.put("format", FORMAT);
        root.set("baseline", ScorecardJson.run(comparison.baseline().run()));
        root.set("candidate", ScorecardJson.run(comparison.candidate().run()));
        ObjectNode options = root.putObject("statistics");
        options.put("test", "McNemar exact (two-sided) on case pass/fail; percentile paired bootstrap of mean score");
        options.put("resamples", comparison.options().resamples());
        options.put("confidence", comparison.options().confidence());
        options.put("alpha", comparison.options().alpha());
        options.put("seed", comparison.options().seed());
        if (gate != null) {
            root.set("gate", gate(gate));
        }
        ArrayNode notes = root.putArray("notes");
        comparison.notes().forEach(notes::add);
        ArrayNode metrics = root.putArray("metrics");
        for (MetricComparison m : comparison.metrics()) {
            ObjectNode o = metrics.addObject();
            o.put("metric", m.metric());
            o.put("pairs", m.pairs());
            o.put("baselinePassRate", ScorecardJson.round(m.baselinePassRate()));
            o.put("candidatePassRate", ScorecardJson.round(m.candidatePassRate()));
            o.put("regressions", m.regressions());
            o.put("improvements", m.improvements());
            o.put("pValue", ScorecardJson.round(m.pValue()));
            o.put("meanScoreDelta", ScorecardJson.round(m.meanScoreDelta()));
            o.put("ciLow", ScorecardJson.round(m.ciLow()));
            o.put("ciHigh", ScorecardJson.round(m.ciHigh()));
            o.put("significantRegression", m.significantRegression());
        }
        ArrayNode changes = root.putArray("changes");
        for (CaseChange c : comparison.changes()) {
            ObjectNode o = changes.addObject();
            o.put("case", c.caseId());
            o.put("metric", c.metric());
            o.put("kind", c.kind().name());
            o.put("baselineScore", ScorecardJson.round(c.baselineScore()));
            o.put("candidateScore", ScorecardJson.round(c.candidateScore()));
            o.put("baselineExplanation", c.baselineExplanation());
            o.put("candidateExplanation", c.candidateExplanation());
        }
        ArrayNode onlyBaseline = root.putArray("onlyInBaseline");
        comparison.onlyInBaseline().forEach(onlyBaseline::add);
        ArrayNode onlyCandidate = root.putArray("onlyInCandidate");
        comparison.onlyInCandidate().forEach(onlyCandidate::add);
        return root;
    }

    /** Returns the JSON tree of a gate result. */
    public static ObjectNode gate(GateResult gate) {
        ObjectNode g = ScorecardJson.F.objectNode();
        g.put("passed", gate.passed());
        ArrayNode checks = g.putArray("checks");
        for (GateResult.Check c : gate.checks()) {
            ObjectNode o = checks.addObject();
            o.put("rule", c.rule());
            o.put("ok", c.ok());
            o.put("message", c.message());
        }
        return g;
    }
}
