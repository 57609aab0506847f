package dev.arbiter.examples.contracts.eval;

import dev.arbiter.eval.Score;
import dev.arbiter.eval.Scorer;
import dev.arbiter.eval.ScoringContext;
import dev.arbiter.examples.contracts.RiskReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorers of the contract-review eval. Each compares the verified report ({@link ReviewResult}) with the
 * lawyer's labels ({@link ExpectedRisks}) by section number; a review that was not accepted scores 0 on every
 * one of them, because it handed the lawyer nothing. Each explanation names the sections behind the score, so a
 * regression in the report says what was missed. Deterministic and thread-safe.
 *
 * <ul>
 * <li>{@link #verified()}: the review ended accepted (every quote verbatim, in its section, explanations grounded,
 *     the schema held).
 * <li>{@link #highRiskFound()}: every clause labelled high is listed and rated high; the share of them, must be 1.
 * <li>{@link #recall(double)}: the share of labelled clauses listed, at any level.
 * <li>{@link #riskAgreement(double)}: of the labelled clauses listed, the share rated as labelled.
 * <li>{@link #precision(double)}: the share of listed clauses that are labelled or acceptable.
 * </ul>
 */
public final class ContractScorers {

    private ContractScorers() {}

    /** The review was accepted. */
    public static Scorer verified() {
        return context -> {
            ReviewResult r = result(context);
            return Score.of(r.accepted(), r.outcome());
        };
    }

    /** Every clause labelled high is listed and rated high. */
    public static Scorer highRiskFound() {
        return context -> {
            ReviewResult r = result(context);
            Map<String, String> listed = listed(r);
            List<String> missed = new ArrayList<>();
            int high = 0;
            for (ExpectedRisks.ExpectedClause c : expected(context).clauses()) {
                if (c.risk().equals("high")) {
                    high++;
                    String got = listed.get(c.section());
                    if (!"high".equals(got)) {
                        missed.add(c.section() + (got == null ? " not listed" : " rated " + got));
                    }
                }
            }
            if (high == 0) {
                return Score.pass("no clause labelled high");
            }
            double value = (high - missed.size()) / (double) high;
            return Score.of(value, 1.0, missed.isEmpty() ? "all " + high + " high-risk clauses rated high"
                    : prefix(r) + "high-risk clauses missed: " + String.join(", ", missed));
        };
    }

    /** The share of labelled clauses listed, at any level; passes at {@code threshold}. */
    public static Scorer recall(double threshold) {
        return context -> {
            ReviewResult r = result(context);
            Map<String, String> listed = listed(r);
            List<String> missed = new ArrayList<>();
            List<ExpectedRisks.ExpectedClause> expected = expected(context).clauses();
            for (ExpectedRisks.ExpectedClause c : expected) {
                if (!listed.containsKey(c.section())) {
                    missed.add(c.section());
                }
            }
            double value = (expected.size() - missed.size()) / (double) expected.size();
            return Score.of(value, threshold, (expected.size() - missed.size()) + " of " + expected.size()
                    + " labelled clauses listed" + (missed.isEmpty() ? "" : "; " + prefix(r) + "missing "
                    + String.join(", ", missed)));
        };
    }

    /** Of the labelled clauses listed, the share rated as labelled; passes at {@code threshold}. */
    public static Scorer riskAgreement(double threshold) {
        return context -> {
            ReviewResult r = result(context);
            Map<String, String> listed = listed(r);
            List<String> disagree = new ArrayList<>();
            int compared = 0;
            for (ExpectedRisks.ExpectedClause c : expected(context).clauses()) {
                String got = listed.get(c.section());
                if (got != null) {
                    compared++;
                    if (!got.equals(c.risk())) {
                        disagree.add(c.section() + " " + got + " (labelled " + c.risk() + ")");
                    }
                }
            }
            if (compared == 0) {
                return Score.of(0.0, threshold, prefix(r) + "no labelled clause listed");
            }
            double value = (compared - disagree.size()) / (double) compared;
            return Score.of(value, threshold, (compared - disagree.size()) + " of " + compared + " rated as labelled"
                    + (disagree.isEmpty() ? "" : "; " + String.join(", ", disagree)));
        };
    }

    /** The share of listed clauses that are labelled or acceptable; passes at {@code threshold}. */
    public static Scorer precision(double threshold) {
        return context -> {
            ReviewResult r = result(context);
            if (r.clauses().isEmpty()) {
                return Score.of(0.0, threshold, prefix(r) + "no clauses listed");
            }
            ExpectedRisks e = expected(context);
            List<String> known = new ArrayList<>(e.acceptable());
            e.clauses().forEach(c -> known.add(c.section()));
            List<String> noise = new ArrayList<>();
            for (RiskReport.Clause c : r.clauses()) {
                if (!known.contains(c.section())) {
                    noise.add(c.section());
                }
            }
            int n = r.clauses().size();
            return Score.of((n - noise.size()) / (double) n, threshold, (n - noise.size()) + " of " + n
                    + " listed clauses labelled or acceptable" + (noise.isEmpty() ? "" : "; not risky: "
                    + String.join(", ", noise)));
        };
    }

    private static String prefix(ReviewResult r) {
        return r.accepted() ? "" : "review " + r.outcome() + "; ";
    }

    private static Map<String, String> listed(ReviewResult r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RiskReport.Clause c : r.clauses()) {
            out.putIfAbsent(c.section(), c.risk());
        }
        return out;
    }

    private static ReviewResult result(ScoringContext context) {
        if (context.output() instanceof ReviewResult r) {
            return r;
        }
        throw new IllegalArgumentException("the contract scorers score a ReviewResult, got "
                + context.output().getClass().getName());
    }

    private static ExpectedRisks expected(ScoringContext context) {
        if (context.goldenCase().expected() instanceof ExpectedRisks e) {
            return e;
        }
        throw new IllegalArgumentException("the contract scorers need ExpectedRisks as the expectation of case "
                + context.goldenCase().id());
    }
}
