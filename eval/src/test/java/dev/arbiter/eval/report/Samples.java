package dev.arbiter.eval.report;

import dev.arbiter.core.Usage;
import dev.arbiter.eval.CaseResult;
import dev.arbiter.eval.JudgeAgreement;
import dev.arbiter.eval.MetricInfo;
import dev.arbiter.eval.RunInfo;
import dev.arbiter.eval.Score;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Spend;
import dev.arbiter.eval.Trial;
import dev.arbiter.eval.TrialOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scorecards made by hand for the report tests: two metrics (one judged), tags, a failed trial, repeats. */
final class Samples {

    private Samples() {}

    static Scorecard card(String subject, boolean worse) {
        Spend spend = new Spend(2, 1, 0, Usage.of(1200, 300), Usage.of(0, 0), new BigDecimal("0.00042"), 0);
        RunInfo run = new RunInfo("invoices", subject, List.of("gpt-4o-mini-2024-07-18"), Map.of("invoice", "fp-9"),
                "invoices", "3", "a".repeat(64), 2, Instant.parse("2025-03-01T10:00:00Z"), Duration.ofMillis(4321),
                spend);
        List<CaseResult> cases = new ArrayList<>();
        String[] ids = {"inv-001", "inv-002", "inv-003 <script>", "inv-004"};
        for (int i = 0; i < ids.length; i++) {
            List<Trial> trials = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                boolean failedField = worse && i == 1 || i == 3 && r == 1;
                Map<String, Score> scores = new LinkedHashMap<>();
                scores.put("fields", Score.of(failedField ? 0.5 : 1.0, 1.0, failedField ? "1/2 fields match; /total:"
                        + " expected 42.5, got 45" : "2/2 fields match"));
                scores.put("helpful", Score.of(0.75, 0.75, "judge (helpful) 4/5: clear & complete"));
                TrialOutcome outcome = i == 2 && r == 1 && worse
                        ? new TrialOutcome.Failed("PROVIDER_UNAVAILABLE", "503 after 3 retries")
                        : new TrialOutcome.Produced("{\"total\": " + (failedField ? 45 : 42.5) + ", \"note\": \"</pre>\"}");
                if (outcome instanceof TrialOutcome.Failed) {
                    scores.replaceAll((k, v) -> Score.fail("no output: PROVIDER_UNAVAILABLE: 503 after 3 retries"));
                }
                trials.add(new Trial(r, outcome, scores, spend, Duration.ofMillis(200 + i)));
            }
            cases.add(new CaseResult(ids[i], i % 2 == 0 ? List.of("simple") : List.of("multi-line", "eu"), trials));
        }
        return Scorecard.of(run, List.of(MetricInfo.scorer("fields"),
                MetricInfo.judge("helpful", new JudgeAgreement(40, 3, 2, 15))), cases);
    }
}
