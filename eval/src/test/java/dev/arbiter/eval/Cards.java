package dev.arbiter.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scorecards written by hand for tests of comparisons, gates and reports. */
final class Cards {

    private Cards() {}

    static RunInfo run(String subject) {
        return new RunInfo("invoices", subject, List.of("model-a"), Map.of("invoice", "fp-1"), "invoices", "3",
                "d".repeat(64), 1, Instant.parse("2025-01-02T03:04:05Z"), Duration.ofMillis(1234), Spend.NONE);
    }

    /** One trial per case; {@code scores[i]} is case i's score on metric "fields", passing at 1. */
    static Scorecard card(String subject, double... scores) {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            Map<String, Score> s = new LinkedHashMap<>();
            s.put("fields", Score.of(scores[i], 1.0, "score " + scores[i]));
            cases.add(new CaseResult("case-" + (i < 10 ? "0" : "") + i, List.of(i % 2 == 0 ? "even" : "odd"),
                    List.of(new Trial(0, new TrialOutcome.Produced("{\"n\": " + i + "}"), s, Spend.NONE,
                            Duration.ofMillis(10)))));
        }
        return Scorecard.of(run(subject), List.of(MetricInfo.scorer("fields")), cases);
    }

    static double[] repeat(double value, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int i = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
