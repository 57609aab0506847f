package dev.arbiter.examples.eval;

import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Progress;
import dev.arbiter.eval.Scorecard;
import dev.arbiter.eval.SuiteFile;
import dev.arbiter.eval.report.JsonReport;
import dev.arbiter.eval.report.Reports;
import java.nio.file.Path;
import java.util.List;

/**
 * The eval example: two versions of an invoice-extraction model on the same 20-case golden set, compared, gated
 * and reported. Model A is the baseline; model B, the candidate, is worse on eight invoices (UK dates read as US
 * dates, a currency symbol instead of its code, a discount applied that should not be, the sign of a credit
 * note, an OCR'd invoice number, an answer fenced in Markdown).
 *
 * <pre>
 * java -cp ... dev.arbiter.examples.eval.InvoiceComparison examples/eval/invoices target/invoice-comparison
 * </pre>
 *
 * Prints the gate's checks and writes scorecard.json, comparison.json, report.html and junit.xml.
 */
public final class InvoiceComparison {

    /**
     * What the example produced.
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

    private InvoiceComparison() {}

    /** Runs the example: {@code DIR OUT}. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/eval/invoices");
        Path out = Path.of(args.length > 1 ? args[1] : "target/invoice-comparison");
        Result r = run(dir, out);
        System.out.println("model A gate: " + (r.baselineGate().passed() ? "passed" : "FAILED"));
        System.out.println("model B gate: " + (r.candidateGate().passed() ? "passed" : "FAILED"));
        r.candidateGate().checks().forEach(c -> System.out.println("  " + c));
        r.written().forEach(p -> System.out.println("wrote " + p));
    }

    /** Runs both suites, compares B with A, gates both and writes B's reports into {@code out}. */
    public static Result run(Path dir, Path out) {
        SuiteFile a = SuiteFile.load(dir.resolve("suite-model-a.yaml"));
        SuiteFile b = SuiteFile.load(dir.resolve("suite-model-b.yaml"));
        Scorecard baseline = a.harness().progress(Progress.SILENT).build().run(a.suite());
        Scorecard candidate = b.harness().progress(Progress.SILENT).build().run(b.suite());
        Comparison comparison = Comparison.of(baseline, candidate);
        GateResult baselineGate = a.gate().evaluate(baseline);
        GateResult candidateGate = b.gate().evaluate(comparison);
        List<Path> written = Reports.writeAll(out, candidate, comparison, candidateGate);
        JsonReport.write(baseline, out.resolve("baseline-scorecard.json"));
        return new Result(baseline, candidate, comparison, baselineGate, candidateGate, written);
    }
}
