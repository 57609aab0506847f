package dev.arbiter.workflow.reliability;

import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Usage;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.trace.TraceEvent;
import dev.arbiter.workflow.trace.TraceListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process the durability test kills with SIGKILL. It prints a line after every acknowledged write, so the
 * parent knows exactly what was acknowledged before the kill:
 *
 * <pre>
 * file PATH FSYNC_EACH|GROUP_COMMIT THREADS   ack INDEX RUN_ID   after every append that returned
 * jdbc URL USER PASSWORD TABLE THREADS        ack INDEX RUN_ID
 * pipeline DIR FIRST_RUN [file|log]          gen RUN STEP before a generation returns; saved RUN STEP once the
 *                                             step's checkpoint is on disk (runs FIRST_RUN, FIRST_RUN+1, … until killed),
 *                                             in the checkpoint store named (CheckpointStore.file or .log; default file)
 * </pre>
 */
public final class DurabilityChildMain {

    private DurabilityChildMain() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "file" -> {
                try (FileLedger ledger = ProvenanceLedger.file(Path.of(args[1]))
                        .durability(FileLedgerBuilder.Durability.valueOf(args[2])).repairPartialLastLine(true).open()) {
                    append(ledger, Integer.parseInt(args[3]));
                }
            }
            case "jdbc" -> {
                try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(args[1], args[2], args[3]).table(args[4]).open()) {
                    append(ledger, Integer.parseInt(args[5]));
                }
            }
            case "pipeline" -> pipelines(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? args[3] : "file");
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void append(ProvenanceLedger ledger, int threads) throws InterruptedException {
        say("ready");
        long pid = ProcessHandle.current().pid();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String runId = "child-" + pid + "-" + thread + "-" + i;
                    ProvenanceRecord r = ledger.append(ProvenanceEntry.builder(runId, "append", Decision.ACCEPTED)
                            .note("x".repeat(i % 7 * 300)).build());
                    say("ack " + r.index() + " " + runId);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    /** The checkpoint store of {@code kind} ({@code file} or {@code log}) in {@code dir}. */
    static CheckpointStore checkpoints(Path dir, String kind) {
        return switch (kind) {
            case "file" -> CheckpointStore.file(dir.resolve("checkpoints"));
            case "log" -> CheckpointStore.log(dir.resolve("checkpoint-log"));
            default -> throw new IllegalArgumentException("unknown checkpoint store " + kind);
        };
    }

    /** A three-step pipeline of governed steps whose generator says when it generated. */
    static Pipeline<String, Invoice> pipeline(Generator generator, CheckpointStore checkpoints, TraceListener listener,
            ProvenanceLedger ledger) {
        GovernedStep<String, Invoice> a = step("extract", generator);
        GovernedStep<Invoice, Invoice> b = GovernedStep.<Invoice, Invoice>builder("check", ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).task(i -> "Check " + i.number())
                .generator(generator).verifier(JsonSchemaVerifier.create()).build();
        GovernedStep<Invoice, Invoice> c = GovernedStep.<Invoice, Invoice>builder("book", ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).task(i -> "Book " + i.number())
                .generator(generator).verifier(JsonSchemaVerifier.create()).build();
        return Pipeline.builder("durable", a, ArtifactType.of(Invoice.class))
                .then(b, ArtifactType.of(Invoice.class)).then(c, ArtifactType.of(Invoice.class))
                .checkpoints(checkpoints)
                .ledger(ledger)
                .listener(listener).build();
    }

    private static GovernedStep<String, Invoice> step(String id, Generator generator) {
        return GovernedStep.<String, Invoice>builder(id, ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(generator).verifier(JsonSchemaVerifier.create()).build();
    }

    /** Generates an invoice; the step is named by the request's last user text. */
    static Generation answer() {
        return Generation.builder().text("{\"number\":\"INV-7\",\"total\":12.5}").modelId("gpt-4o-mini")
                .usage(Usage.of(10, 5)).build();
    }

    private static void pipelines(Path dir, int first, String checkpoints) {
        ThreadLocal<String> run = new ThreadLocal<>();
        ThreadLocal<String> step = new ThreadLocal<>();
        TraceListener listener = event -> {
            if (event instanceof TraceEvent.StepStarted s) {
                if (step.get() != null) {
                    say("saved " + run.get() + " " + step.get()); // the previous step's checkpoint is on disk
                }
                step.set(s.step());
            } else if (event instanceof TraceEvent.RunEnded e && "accepted".equals(e.outcome())) {
                say("saved " + run.get() + " " + step.get());
            }
        };
        Generator generator = request -> {
            say("gen " + run.get() + " " + step.get());
            return answer();
        };
        Pipeline<String, Invoice> pipeline = pipeline(generator, checkpoints(dir, checkpoints), listener,
                ProvenanceLedger.file(dir.resolve("ledger.jsonl")).repairPartialLastLine(true).open());
        say("ready");
        for (int i = first; ; i++) {
            run.set("run-" + i);
            step.set(null);
            pipeline.run("run-" + i, "Extract the invoice.");
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
