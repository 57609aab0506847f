package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Usage;
import dev.arbiter.eval.CaseResult;
import dev.arbiter.eval.JudgeAgreement;
import dev.arbiter.eval.MetricInfo;
import dev.arbiter.eval.MetricSummary;
import dev.arbiter.eval.RunInfo;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Spend;
import dev.arbiter.eval.Trial;
import dev.arbiter.eval.TrialOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Writes scorecards as JSON trees in the stable format {@code arbiter-eval/scorecard/1}. Stateless, thread-safe. */
public final class ScorecardJson {

    /** The format id written in every scorecard file. */
    public static final String FORMAT = "arbiter-eval/scorecard/1";

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScorecardJson() {}

    /** Returns the JSON tree of the scorecard. */
    public static ObjectNode write(Scorecard scorecard) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT);
        root.set("run", run(scorecard.run()));
        ArrayNode metrics = root.putArray("metrics");
        for (MetricSummary m : scorecard.summaries()) {
            metrics.add(metric(m));
        }
        ArrayNode cases = root.putArray("cases");
        for (CaseResult c : scorecard.cases()) {
            cases.add(caseResult(c));
        }
        return root;
    }

    static ObjectNode run(RunInfo run) {
        ObjectNode r = F.objectNode();
        r.put("suite", run.suite());
        r.put("subjectId", run.subjectId());
        ArrayNode models = r.putArray("modelIds");
        run.modelIds().forEach(models::add);
        ObjectNode contracts = r.putObject("contracts");
        run.contracts().forEach(contracts::put);
        ObjectNode set = r.putObject("goldenSet");
        set.put("name", run.goldenSet());
        set.put("version", run.goldenSetVersion());
        set.put("digest", run.goldenSetDigest());
        r.put("repeats", run.repeats());
        r.put("startedAt", run.startedAt().toString());
        r.put("elapsedMillis", run.elapsed().toMillis());
        r.set("spend", spend(run.spend()));
        return r;
    }

    static ObjectNode spend(Spend s) {
        ObjectNode o = F.objectNode();
        o.put("providerCalls", s.providerCalls());
        o.put("retries", s.retries());
        o.put("cacheHits", s.cacheHits());
        o.put("inputTokens", s.usage().inputTokens());
        o.put("outputTokens", s.usage().outputTokens());
        o.put("cachedInputTokens", s.cachedUsage().inputTokens());
        o.put("cachedOutputTokens", s.cachedUsage().outputTokens());
        o.put("cost", s.cost().stripTrailingZeros().toPlainString());
        o.put("unpricedCalls", s.unpricedCalls());
        return o;
    }

    private static ObjectNode metric(MetricSummary m) {
        ObjectNode o = F.objectNode();
        o.put("name", m.name());
        o.put("judge", m.info().isJudge());
        m.info().agreement().ifPresent(a -> o.set("agreement", agreement(a)));
        o.put("trials", m.trials());
        o.put("passRate", round(m.passRate()));
        o.put("casePassRate", round(m.casePassRate()));
        o.put("meanScore", round(m.meanScore()));
        ArrayNode h = o.putArray("histogram");
        m.histogram().forEach(h::add);
        o.put("flakyCases", m.flakyCases());
        ObjectNode tags = o.putObject("passRateByTag");
        m.passRateByTag().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> tags.put(e.getKey(), round(e.getValue())));
        return o;
    }

    static ObjectNode agreement(JudgeAgreement a) {
        ObjectNode o = F.objectNode();
        o.put("bothPass", a.bothPass());
        o.put("judgeOnlyPass", a.judgeOnlyPass());
        o.put("humanOnlyPass", a.humanOnlyPass());
        o.put("bothFail", a.bothFail());
        o.put("rawAgreement", round(a.rawAgreement()));
        if (Double.isNaN(a.kappa())) {
            o.putNull("kappa");
        } else {
            o.put("kappa", round(a.kappa()));
        }
        return o;
    }

    private static ObjectNode caseResult(CaseResult c) {
        ObjectNode o = F.objectNode();
        o.put("id", c.caseId());
        ArrayNode tags = o.putArray("tags");
        c.tags().forEach(tags::add);
        ArrayNode trials = o.putArray("trials");
        for (Trial t : c.trials()) {
            trials.add(trial(t));
        }
        return o;
    }

    private static ObjectNode trial(Trial t) {
        ObjectNode o = F.objectNode();
        o.put("repeat", t.repeat());
        if (t.outcome() instanceof TrialOutcome.Produced p) {
            o.put("output", p.text());
        } else {
            TrialOutcome.Failed f = (TrialOutcome.Failed) t.outcome();
            ObjectNode e = o.putObject("error");
            e.put("kind", f.kind());
            e.put("message", f.message());
        }
        o.put("latencyMillis", t.latency().toMillis());
        o.set("spend", spend(t.spend()));
        ObjectNode scores = o.putObject("scores");
        t.scores().forEach((name, s) -> scores.set(name, score(s)));
        return o;
    }

    private static ObjectNode score(Score s) {
        ObjectNode o = F.objectNode();
        o.put("value", s.value());
        o.put("threshold", s.threshold());
        o.put("passed", s.passed());
        o.put("explanation", s.explanation());
        return o;
    }

    /** Rounds a derived figure to 6 decimals so that files diff cleanly. */
    static double round(double x) {
        return Double.isFinite(x) ? BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).doubleValue() : x;
    }

    /** Reads the spend member of a scorecard or trial; used by the reader. */
    static Spend readSpend(JsonReader in, JsonNode o, String at) {
        return new Spend(in.integer(o, "providerCalls", at), in.integer(o, "retries", at), in.integer(o, "cacheHits", at),
                Usage.of(in.longValue(o, "inputTokens", at), in.longValue(o, "outputTokens", at)),
                Usage.of(in.longValue(o, "cachedInputTokens", at), in.longValue(o, "cachedOutputTokens", at)),
                in.decimal(o, "cost", at), in.integer(o, "unpricedCalls", at));
    }

    /** The info of a metric member, as the reader needs it. */
    static MetricInfo readInfo(JsonReader in, JsonNode o, String at) {
        String name = in.text(o, "name", at);
        if (!in.bool(o, "judge", at)) {
            return MetricInfo.scorer(name);
        }
        JsonNode a = o.get("agreement");
        if (a == null || a.isNull()) {
            return MetricInfo.judge(name, null);
        }
        String p = at + "/agreement";
        return MetricInfo.judge(name, new JudgeAgreement(in.integer(a, "bothPass", p), in.integer(a, "judgeOnlyPass", p),
                in.integer(a, "humanOnlyPass", p), in.integer(a, "bothFail", p)));
    }
}
