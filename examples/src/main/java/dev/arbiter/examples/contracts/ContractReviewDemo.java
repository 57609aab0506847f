package dev.arbiter.examples.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Usage;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.PriceTable;
import dev.arbiter.workflow.trace.TraceEvent;
import dev.arbiter.workflow.trace.TraceListener;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The README's demo: the contract review of the shipped NDA, printed for a person. It runs the review, shows each
 * attempt's verdicts (what was caught and repaired), lets a lawyer (played by the demo, and said so) approve the
 * escalated high-risk report, resumes the run (the approved candidate is accepted without a new model call), and
 * prints the verified result with the evidence of every finding, the token usage and cost, and where the ledger,
 * the trace and the HTML report were written.
 */
public final class ContractReviewDemo {

    /** The lawyer the demo plays when a review is escalated. */
    public static final String REVIEWER = "counsel@harbor.example";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractReviewDemo() {}

    /**
     * What the demo did, for tests and callers.
     *
     * @param first the outcome of the first run (escalated to the lawyer when a high-risk clause is found)
     * @param last the outcome after the lawyer's decision (or the first outcome when nothing was escalated)
     * @param events every trace event, in order
     * @param ledger the ledger file
     * @param trace the trace file
     * @param report the HTML report
     */
    public record Result(Outcome<RiskReport> first, Outcome<RiskReport> last, List<TraceEvent> events, Path ledger,
            Path trace, Path report) {}

    /**
     * Runs the demo.
     *
     * @param out where the text for a person goes
     * @param generator the model (the recorded cassette, or a real provider)
     * @param modelLabel the model's name for the header and the price lookup
     * @param source a sentence saying where the model answers come from
     * @param outputDir where the ledger, the trace and the report are written (files of an earlier demo are replaced)
     */
    public static Result run(PrintStream out, Generator generator, String modelLabel, String source, Path outputDir) {
        return run(out, ContractReview.builder(generator), modelLabel, source, outputDir);
    }

    /** Runs the demo with a review configured by the caller (ledger, store, queue and listeners are the demo's). */
    public static Result run(PrintStream out, ContractReview.Builder configured, String modelLabel, String source,
            Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            Path ledgerFile = outputDir.resolve("ledger.jsonl");
            Path traceFile = outputDir.resolve("trace.jsonl");
            Path reportFile = outputDir.resolve("report.html");
            Path checkpoints = outputDir.resolve("checkpoints");
            for (Path p : List.of(ledgerFile, traceFile, reportFile)) {
                Files.deleteIfExists(p);
            }
            deleteTree(checkpoints);
            ContractDocument nda = ContractDocument.nda();
            List<TraceEvent> events = Collections.synchronizedList(new ArrayList<>());
            ApprovalQueue approvals = ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofDays(7));
            Outcome<RiskReport> first;
            Outcome<RiskReport> last;
            try (FileLedger ledger = ProvenanceLedger.file(ledgerFile).open();
                    JsonLinesTrace trace = new JsonLinesTrace(traceFile)) {
                TraceListener both = e -> {
                    events.add(e);
                    trace.on(e);
                };
                ContractReview review = configured.ledger(ledger)
                        .checkpoints(CheckpointStore.file(checkpoints)).approvals(approvals).listener(both)
                        .labels("openai", modelLabel).build();
                String runId = "demo-" + nda.id();

                out.println("Arbiter demo: contract review of \"" + nda.title() + "\"");
                out.println("Model: " + modelLabel + " (" + source + ")");
                out.println("Checks: JSON Schema, every quote verbatim in the contract, each clause in the section it"
                        + " names, explanations grounded in the contract, a lawyer for high-risk clauses.");
                out.println();
                first = review.review(runId, nda);
                printAttempts(out, events);
                last = first instanceof Outcome.Escalated<RiskReport> escalated
                        ? lawyerApprovesAndRunResumes(out, escalated, approvals, () -> review.review(runId, nda), events)
                        : first;
            }
            if (last instanceof Outcome.Accepted<RiskReport> accepted) {
                printReport(out, accepted.value(), nda);
            } else {
                out.println("Result: " + describe(last));
            }
            Usage usage = usage(events);
            Optional<BigDecimal> cost = PriceTable.defaults().priceOf(modelLabel).map(p -> p.cost(usage));
            printUsage(out, events, usage, cost, modelLabel);
            DemoReport.write(reportFile, nda, first, last, events, usage, cost);
            out.println();
            out.println("Written:");
            out.println("  ledger  " + ledgerFile + "  (hash-chained; every attempt, verdict and approval)");
            out.println("  trace   " + traceFile);
            out.println("  report  " + reportFile);
            out.println("Chain of custody: java -jar cli/target/arbiter.jar ledger explain " + ledgerFile + " demo-"
                    + nda.id());
            out.println("Verify the chain: java -jar cli/target/arbiter.jar ledger verify " + ledgerFile);
            return new Result(first, last, List.copyOf(events), ledgerFile, traceFile, reportFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lawyer (played by the demo, and it says so) approves; the run resumes on that decision. */
    private static Outcome<RiskReport> lawyerApprovesAndRunResumes(PrintStream out,
            Outcome.Escalated<RiskReport> escalated, ApprovalQueue approvals,
            java.util.function.Supplier<Outcome<RiskReport>> resume, List<TraceEvent> events) {
        out.println("Escalated to a lawyer: " + escalated.reason());
        out.println("  pending approval " + escalated.pendingId() + " (persisted in the approval queue,"
                + " bound to this exact candidate)");
        approvals.approve(escalated.pendingId(), REVIEWER, "Read 3.2 and 7.2; negotiate both before signing");
        out.println("  [the demo plays the lawyer] " + REVIEWER + " approves the report");
        int calls = modelCalls(events);
        Outcome<RiskReport> last = resume.get();
        out.println("  resumed run: " + describe(last) + ", " + (modelCalls(events) - calls)
                + " new model calls (the approved candidate is used as verified)");
        out.println();
        return last;
    }

    private static void printUsage(PrintStream out, List<TraceEvent> events, Usage usage, Optional<BigDecimal> cost,
            String modelLabel) {
        out.println();
        out.printf(Locale.ROOT, "Usage: %d model calls, %,d input + %,d output tokens, cost %s%n",
                modelCalls(events), usage.inputTokens(), usage.outputTokens(),
                cost.map(c -> "USD " + c.setScale(4, RoundingMode.HALF_UP).toPlainString()
                        + " (list price of " + modelLabel + ")").orElse("unknown (no price for " + modelLabel + ")"));
    }

    private static void printAttempts(PrintStream out, List<TraceEvent> events) {
        List<TraceEvent> snapshot;
        synchronized (events) {
            snapshot = new ArrayList<>(events);
        }
        for (TraceEvent e : snapshot) {
            if (e instanceof TraceEvent.AttemptStarted a) {
                out.println("Attempt " + a.attempt() + ":");
            } else if (e instanceof TraceEvent.VerificationEnded v) {
                printVerdict(out, v.verdict());
            } else if (e instanceof TraceEvent.RemedyTaken r) {
                out.println("  -> " + r.remedy().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + r.failureMode()
                        + "): the model is asked again with the exact findings");
            } else if (e instanceof TraceEvent.GenerationEnded g && g.generation() == null) {
                out.println("  model call failed: " + g.failureMode() + " " + g.error());
            }
        }
        out.println();
    }

    private static void printVerdict(PrintStream out, Verdict verdict) {
        if (verdict instanceof Verdict.Pass p) {
            out.println("  PASS    " + pad(p.verifierId()) + (p.notes().isEmpty() ? "" : p.notes().get(0)));
        } else if (verdict instanceof Verdict.Fail f) {
            for (Finding finding : f.findings()) {
                out.println("  CAUGHT  " + pad(f.verifierId()) + finding.mode() + " at " + finding.location().describe()
                        + ": " + abbreviate(finding.message(), 220));
            }
        } else if (verdict instanceof Verdict.HumanReview h) {
            out.println("  REVIEW  " + pad(h.verifierId()) + h.reason());
        }
    }

    private static void printReport(PrintStream out, RiskReport report, ContractDocument doc) {
        out.println("Verified result: " + report.clauses().size() + " risky clauses in \"" + doc.title() + "\"");
        for (RiskReport.Clause c : report.clauses()) {
            out.println();
            out.printf(Locale.ROOT, "  %-6s %-5s %s%n", c.risk().toUpperCase(Locale.ROOT), c.section(), c.title());
            for (RiskReport.Citation q : c.citations()) {
                int at = ClauseLocationVerifier.indexOf(doc.text(), q.quote());
                out.println("               evidence: \"" + abbreviate(q.quote(), 150) + "\"");
                out.println("               (" + q.source() + ", section " + doc.sectionAt(at).orElse("?")
                        + ", characters " + at + "-" + (at + q.quote().length()) + ", verbatim)");
            }
            out.println("               " + c.explanation());
        }
    }

    static int modelCalls(List<TraceEvent> events) {
        synchronized (events) {
            return (int) events.stream().filter(e -> e instanceof TraceEvent.GenerationEnded).count();
        }
    }

    static Usage usage(List<TraceEvent> events) {
        Usage total = Usage.ZERO;
        synchronized (events) {
            for (TraceEvent e : events) {
                if (e instanceof TraceEvent.GenerationEnded g && g.generation() != null) {
                    total = total.plus(g.generation().usage());
                }
            }
        }
        return total;
    }

    static String describe(Outcome<?> o) {
        if (o instanceof Outcome.Accepted) {
            return "accepted";
        }
        if (o instanceof Outcome.Escalated<?> e) {
            return "escalated (" + e.mode() + ")";
        }
        if (o instanceof Outcome.Rejected<?> r) {
            return "rejected after " + r.attempts() + " attempts";
        }
        return "failed: " + ((Outcome.Failed<?>) o).failure();
    }

    private static String pad(String id) {
        return String.format(Locale.ROOT, "%-22s", id);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Writes each trace event as one JSON line: the event, its run, span and time, and a summary. */
    static final class JsonLinesTrace implements TraceListener, AutoCloseable {
        private final java.io.BufferedWriter writer;

        JsonLinesTrace(Path file) throws IOException {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void on(TraceEvent event) {
            ObjectNode line = JSON.createObjectNode();
            TraceEvent.Scope s = event.scope();
            line.put("time", s.time().toString()).put("run", s.runId()).put("span", s.spanId());
            s.parent().ifPresent(p -> line.put("parent", p));
            line.put("event", event.getClass().getSimpleName()).put("detail", summary(event));
            try {
                writer.write(line.toString());
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String summary(TraceEvent e) {
            if (e instanceof TraceEvent.GenerationStarted g) {
                return "request " + g.request().digest() + " to " + g.provider() + "/" + g.model();
            }
            if (e instanceof TraceEvent.GenerationEnded g) {
                return g.generation() == null ? g.failureMode() + ": " + g.error()
                        : g.generation().modelId() + " " + g.generation().usage() + " " + g.generation().finishReason();
            }
            if (e instanceof TraceEvent.VerificationEnded v) {
                return v.verifierId() + ": " + v.verdict().getClass().getSimpleName();
            }
            return e.toString().replaceFirst("^[A-Za-z]+\\[scope=Scope\\[[^\\]]*\\], ?", "").replaceFirst("]$", "");
        }

        @Override
        public synchronized void close() throws IOException {
            writer.close();
        }
    }
}
