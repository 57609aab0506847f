package dev.arbiter.examples.contracts.eval;

import dev.arbiter.core.testing.CassettePlayer;
import dev.arbiter.eval.CaseChange;
import dev.arbiter.eval.CaseResult;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.EvalHarness;
import dev.arbiter.eval.EvalSubject;
import dev.arbiter.eval.EvalSuite;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.GoldenSet;
import dev.arbiter.eval.PriceTable;
import dev.arbiter.eval.Progress;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.Spend;
import dev.arbiter.eval.report.JsonReport;
import dev.arbiter.eval.report.Reports;
import dev.arbiter.examples.contracts.ContractReview;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The contract review's eval with drift: the golden set {@code contracts.jsonl} (six contracts, each with the
 * risky clauses a lawyer labelled and their risk levels) run through the real review pipeline — every verifier,
 * repairs included — on two versions of a model replayed from cassettes, compared, gated and reported.
 *
 * <p>Model A ({@code gpt-4o-mini-2024-07-18}) is the baseline; model B ({@code gpt-4.1-nano-2025-04-14}) the
 * cheaper candidate. The pipeline catches B's checkable mistakes (a paraphrased quote is repaired; a quote of a
 * clause that is not in the contract ends the licence review rejected after four attempts), but its judgement
 * mistakes pass every check: a residuals clause rated medium, a data-use clause missed, a sole-remedy clause
 * rated medium. Only the golden set shows those, and the gate fails on B. The outputs were written by hand
 * ({@code answers.yaml}), not recorded from the models named; see {@link ContractEvalCassettes}.
 *
 * <pre>
 * java -cp … dev.arbiter.examples.contracts.eval.ContractReviewEval examples/eval/contracts target/contract-eval
 * </pre>
 *
 * Writes {@code model-a/scorecard.json} (the baseline) and, in {@code model-b/}, B's scorecard, the comparison,
 * the HTML report with the regressions and a JUnit XML of the gate's checks.
 */
public final class ContractReviewEval {

    /** The metrics, as named in scorecards and reports. */
    public static final String VERIFIED = "verified";
    /** Every clause labelled high is listed and rated high. */
    public static final String HIGH_RISK = "high-risk-found";
    /** The share of labelled clauses listed. */
    public static final String RECALL = "recall";
    /** Of the labelled clauses listed, the share rated as labelled. */
    public static final String RISK_AGREEMENT = "risk-agreement";
    /** The share of listed clauses that are labelled or acceptable. */
    public static final String PRECISION = "precision";

    /** The gate: every review verified, every high-risk clause found, and no significant regression. */
    public static final Gate GATE = Gate.builder()
            .minPassRate(VERIFIED, 1.0)
            .minPassRate(HIGH_RISK, 1.0)
            .minPassRate(RECALL, 0.8)
            .minPassRate(RISK_AGREEMENT, 0.8)
            .minPassRate(PRECISION, 0.8)
            .maxRegression(0.0)
            .build();

    /** List prices per million tokens of the two models (USD), for the reports' cost. */
    public static final PriceTable PRICES = PriceTable.of("USD", Map.of(
            "gpt-4o-mini", PriceTable.Price.perMillion("0.15", "0.60"),
            "gpt-4.1-nano", PriceTable.Price.perMillion("0.10", "0.40")));

    /**
     * What the eval produced.
     *
     * @param baseline model A's scorecard
     * @param candidate model B's scorecard
     * @param comparison B compared with A
     * @param baselineGate the gate on A alone
     * @param candidateGate the gate on B compared with A
     * @param written the report files
     */
    public record Result(Scorecard baseline, Scorecard candidate, Comparison comparison, GateResult baselineGate,
            GateResult candidateGate, List<Path> written) {}

    private ContractReviewEval() {}

    /** Runs the eval: {@code DIR OUT}; exits 1 when the gate fails on the candidate, as a CI step would. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/eval/contracts");
        Path out = Path.of(args.length > 1 ? args[1] : "target/contract-eval");
        Result r = run(dir, out);
        print(r, System.out);
        if (!r.candidateGate().passed()) {
            System.exit(1);
        }
    }

    /** Prints the gates, the regressions and the files written, for a person. */
    public static void print(Result r, PrintStream out) {
        out.println("model A (baseline):  " + r.baseline().run().subjectId() + "  gate "
                + (r.baselineGate().passed() ? "PASSED" : "FAILED"));
        out.println("model B (candidate): " + r.candidate().run().subjectId() + "  gate "
                + (r.candidateGate().passed() ? "PASSED" : "FAILED"));
        for (GateResult.Check c : r.candidateGate().checks()) {
            out.println("  " + c);
        }
        out.println("regressions of B against A, by contract:");
        Map<String, List<CaseChange>> byCase = new LinkedHashMap<>();
        r.comparison().regressions().forEach(c -> byCase.computeIfAbsent(c.caseId(), k -> new ArrayList<>()).add(c));
        byCase.forEach((caseId, changes) -> {
            out.printf("  %-11s %s%n", caseId, changes.stream()
                    .map(c -> String.format("%s %.2f -> %.2f", c.metric(), c.baselineScore(), c.candidateScore()))
                    .collect(Collectors.joining(", ")));
            out.printf("  %-11s %s%n", "", explanation(r.candidate(), changes.get(0)));
        });
        out.println("spend:  A " + spend(r.baseline()) + ";  B " + spend(r.candidate()));
        r.written().forEach(p -> out.println("wrote " + p));
    }

    private static String spend(Scorecard s) {
        Spend total = s.cases().stream().map(CaseResult::spend).reduce(Spend.NONE, Spend::plus);
        return total.providerCalls() + " model calls, " + total.usage().inputTokens() + " + "
                + total.usage().outputTokens() + " tokens, USD " + total.cost().setScale(4, RoundingMode.HALF_UP);
    }

    private static String explanation(Scorecard s, CaseChange c) {
        return s.caseResult(c.caseId()).flatMap(cr -> cr.trials().stream().findFirst())
                .map(t -> t.scores().get(c.metric())).map(score -> score.explanation()).orElse("");
    }

    /** Runs both models, compares B with A, gates both and writes the reports into {@code out}. */
    public static Result run(Path dir, Path out) {
        GoldenSet<ContractCase, ExpectedRisks> golden = goldenSet(dir);
        Scorecard baseline = evaluate(golden, dir, "model-a");
        Scorecard candidate = evaluate(golden, dir, "model-b");
        Comparison comparison = Comparison.of(baseline, candidate);
        GateResult baselineGate = GATE.evaluate(baseline);
        GateResult candidateGate = GATE.evaluate(comparison);
        JsonReport.write(baseline, out.resolve("model-a").resolve("scorecard.json"));
        List<Path> written = new ArrayList<>();
        written.add(out.resolve("model-a").resolve("scorecard.json"));
        written.addAll(Reports.writeAll(out.resolve("model-b"), candidate, comparison, candidateGate));
        return new Result(baseline, candidate, comparison, baselineGate, candidateGate, List.copyOf(written));
    }

    /** Reads the golden set {@code contracts.jsonl} of the eval folder. */
    public static GoldenSet<ContractCase, ExpectedRisks> goldenSet(Path dir) {
        return GoldenSet.load(dir.resolve("contracts.jsonl"), ContractCase.class, ExpectedRisks.class);
    }

    /** Runs the golden set on one model's cassette ({@code cassettes/MODEL.jsonl}) and returns its scorecard. */
    public static Scorecard evaluate(GoldenSet<ContractCase, ExpectedRisks> golden, Path dir, String model) {
        String modelId = ContractEvalCassettes.modelId(dir, model);
        CassettePlayer player = CassettePlayer.load(dir.resolve("cassettes").resolve(model + ".jsonl"));
        EvalSubject<ContractCase, ReviewResult> subject = (c, generator) -> ReviewResult.of(
                ContractReview.builder(generator).lawyerReview(false).labels("recorded", modelId).build()
                        .review("eval-" + c.document() + "-" + UUID.randomUUID(), c.load()));
        EvalSuite<ContractCase, ExpectedRisks, ReviewResult> suite = EvalSuite.builder(golden, subject)
                .subjectId("contract-review@" + modelId)
                .modelId(modelId)
                .contract(ContractReview.intentContract().id(), ContractReview.intentContract().fingerprint())
                .metric(VERIFIED, ContractScorers.verified())
                .metric(HIGH_RISK, ContractScorers.highRiskFound())
                .metric(RECALL, ContractScorers.recall(0.8))
                .metric(RISK_AGREEMENT, ContractScorers.riskAgreement(0.8))
                .metric(PRECISION, ContractScorers.precision(0.8))
                .build();
        return EvalHarness.builder().generator(player).prices(PRICES).progress(Progress.SILENT).build().run(suite);
    }
}
