package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Steps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tool calls in an asynchronous run ({@code Pipeline.runAsync}): a tool in flight and its record waiting to be
 * stored hold no thread; the run goes on where the tool ends, and only once the tool's record is stored.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncToolsTest {

    private static final String GOOD = "{\"number\":\"INV-9902\",\"total\":2380}";
    private static final ToolDescriptor READ_INBOX = ToolDescriptor.of(ToolSpec.of("read_inbox", "Reads the inbox.",
            "{\"type\":\"object\",\"properties\":{}}"), SideEffect.READ);
    private static final String INBOX = "Invoice INV-9902, total EUR 2380.";

    /** Tool calls started and not yet answered, in the order they started. */
    private final ConcurrentLinkedQueue<CompletableFuture<String>> inFlight = new ConcurrentLinkedQueue<>();
    private final ExecutorService toolThreads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "tool-service");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() {
        toolThreads.shutdownNow();
    }

    /** A tool that starts a call and returns; the test answers it. */
    private Tool readInbox() {
        return Tool.ofAsync(READ_INBOX, args -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            inFlight.add(f);
            return f;
        });
    }

    private static ToolGateway gateway(ProvenanceLedger ledger, Tool tool) {
        return gateway(ledger, tool, null);
    }

    /** With {@code blockingTools} null: the gateway's default pool for tools that block. */
    private static ToolGateway gateway(ProvenanceLedger ledger, Tool tool, java.util.concurrent.Executor blockingTools) {
        PermissionEnvelope envelope = PermissionEnvelope.builder(PolicyRef.of("inbox-only", "1"))
                .grant(READ_INBOX, Grant.unrestricted()).build();
        ToolGateway.Builder b = ToolGateway.builder(envelope, ledger,
                ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1))).tool(tool).redactor(Redactor.none());
        if (blockingTools != null) {
            b.blockingTools(blockingTools);
        }
        return b.build();
    }

    /** Asks for the inbox until a tool result is in the request, then answers the invoice; on the caller's thread. */
    static ScriptedGenerator readsTheInboxFirst() {
        return ScriptedGenerator.builder()
                .when(r -> r.messages().stream().noneMatch(m -> m.role().equals("tool")),
                        Generation.ofToolCalls(ToolCall.of("c1", "read_inbox", "{}")))
                .when(r -> true, answer(GOOD))
                .build();
    }

    private static Pipeline<String, Invoice> extracting(ScriptedGenerator model, ProvenanceLedger ledger, Tool tool) {
        return extracting(model, ledger, tool, null);
    }

    private static Pipeline<String, Invoice> extracting(ScriptedGenerator model, ProvenanceLedger ledger, Tool tool,
            java.util.concurrent.Executor blockingTools) {
        GovernedStep<String, Invoice> extract = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(model).verifier(JsonSchemaVerifier.create())
                .tools(gateway(ledger, tool, blockingTools), 3).build();
        return Pipeline.builder("inbox", extract, ArtifactType.of(Invoice.class)).ledger(ledger)
                .redactor(Redactor.none()).blockingWork(Runnable::run) // the script answers where it is asked
                .build();
    }

    private static List<String> records(ProvenanceLedger ledger) {
        return ledger.read(0, ledger.size()).stream().map(ProvenanceRecord::entry)
                .map(e -> e.runId() + " " + e.step() + " " + e.decision() + " " + e.artifactDigest().orElse("-") + " "
                        + e.model().map(m -> m.requestDigest()).orElse("-") + " " + e.note().orElse(""))
                .toList();
    }

    @Test
    void toolsInFlightHoldNoThreadAndEachRunGoesOnWhereItsToolEnds() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        ScriptedGenerator model = readsTheInboxFirst();
        Pipeline<String, Invoice> pipeline = extracting(model, ledger, readInbox());

        int runs = 100;
        Set<String> continuedOn = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Outcome<Invoice>>> outcomes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            CompletableFuture<Outcome<Invoice>> o = pipeline.runAsync("run-" + i, "Extract the invoice from my inbox.");
            o.thenRun(() -> continuedOn.add(Thread.currentThread().getName()));
            outcomes.add(o);
        }
        assertThat(outcomes).noneMatch(CompletableFuture::isDone);
        assertThat(inFlight).hasSize(runs);
        assertThat(model.callCount()).isEqualTo(runs); // each asked once, then waits on its tool
        assertThat(ledger.size()).as("a call is recorded once its outcome is known").isZero();

        for (CompletableFuture<String> call : inFlight) {
            toolThreads.execute(() -> call.complete(INBOX));
        }
        for (CompletableFuture<Outcome<Invoice>> o : outcomes) {
            assertThat(o.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
        }
        assertThat(model.callCount()).isEqualTo(2 * runs);
        assertThat(ledger.size()).isEqualTo(2L * runs);
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().decision())
                .containsOnly(Decision.TOOL_EXECUTED, Decision.ACCEPTED);
        assertThat(ledger.verify().isValid()).isTrue();
        assertThat(continuedOn).containsOnly("tool-service");
    }

    @Test
    void anAsynchronousToolRunRecordsWhatTheSynchronousRunRecords() throws Exception {
        ProvenanceLedger syncLedger = ProvenanceLedger.inMemory();
        ScriptedGenerator syncModel = readsTheInboxFirst();
        Tool answered = Tool.ofAsync(READ_INBOX, args -> CompletableFuture.supplyAsync(() -> INBOX, toolThreads));
        Outcome<Invoice> sync = extracting(syncModel, syncLedger, answered).run("run-1", "Extract it.");

        ProvenanceLedger asyncLedger = ProvenanceLedger.inMemory();
        ScriptedGenerator asyncModel = readsTheInboxFirst();
        Outcome<Invoice> async = extracting(asyncModel, asyncLedger, answered).runAsync("run-1", "Extract it.")
                .get(30, TimeUnit.SECONDS);

        assertThat(sync).isInstanceOf(Outcome.Accepted.class);
        assertThat(async).isEqualTo(sync);
        assertThat(asyncModel.requests()).extracting(GenerationRequest::digest)
                .containsExactlyElementsOf(syncModel.requests().stream().map(GenerationRequest::digest).toList());
        assertThat(records(asyncLedger)).hasSize(2).containsExactlyElementsOf(records(syncLedger));
    }

    @Test
    void theNextRequestWaitsForTheToolsRecordToBeStored() throws Exception {
        HeldLedger ledger = new HeldLedger();
        ScriptedGenerator model = readsTheInboxFirst();
        CompletableFuture<Outcome<Invoice>> outcome = extracting(model, ledger,
                Tool.of(READ_INBOX, args -> INBOX), Runnable::run).runAsync("run-held", "Extract it.");

        assertThat(ledger.size()).as("the tool ran and its record is sealed").isEqualTo(1);
        assertThat(model.callCount()).as("the model is not asked again before the record is stored").isEqualTo(1);
        ledger.storeAll();
        assertThat(model.callCount()).isEqualTo(2);
        assertThat(outcome).as("the step's own record is not stored yet").isNotDone();
        ledger.storeAll();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void aToolRecordThatCannotBeStoredFailsTheRun() throws Exception {
        HeldLedger ledger = new HeldLedger();
        ScriptedGenerator model = readsTheInboxFirst();
        CompletableFuture<Outcome<Invoice>> outcome = extracting(model, ledger,
                Tool.of(READ_INBOX, args -> INBOX), Runnable::run).runAsync("run-lost", "Extract it.");

        ledger.failAll(new UncheckedIOException(new IOException("disk gone"))); // fails closed, as a file ledger does

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().message()).contains("disk gone"));
        assertThat(model.callCount()).isEqualTo(1);
    }

    @Test
    void aToolStepRunsItsToolWithoutAThreadAndEndsOnceItsRecordIsStored() throws Exception {
        HeldLedger ledger = new HeldLedger();
        Pipeline<String, String> pipeline = Pipeline.builder("read", Steps.tool("read", gateway(ledger, readInbox()),
                        (String s) -> ToolCall.of("c1", "read_inbox", "{}"), s -> Evidence.of()),
                ArtifactType.of(String.class)).ledger(ledger).redactor(Redactor.none()).build();

        CompletableFuture<Outcome<String>> outcome = pipeline.runAsync("run-tool", "go");
        assertThat(outcome).isNotDone();
        assertThat(inFlight).hasSize(1);
        assertThat(ledger.size()).isZero();

        toolThreads.submit(() -> inFlight.poll().complete(INBOX)).get(30, TimeUnit.SECONDS);
        assertThat(ledger.size()).as("the gateway's record, sealed").isEqualTo(1);
        assertThat(outcome).isNotDone();
        ledger.storeAll();
        ledger.storeAll(); // the pipeline's record of the step, appended once the call's is stored
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo(INBOX));
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().step() + " " + r.entry().decision())
                .containsExactly("tool:read_inbox TOOL_EXECUTED", "read ACCEPTED");
    }

    @Test
    void blockingToolsRunOnTheGatewaysPoolSoThatManyRunsCallThemAtOnce() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        int runs = 40;
        java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(runs);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Set<String> toolThreadNames = ConcurrentHashMap.newKeySet();
        Tool slowInbox = Tool.of(READ_INBOX, args -> { // a blocking client, as a langchain4j @Tool method is
            toolThreadNames.add(Thread.currentThread().getName());
            allStarted.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return INBOX;
        });
        Pipeline<String, Invoice> pipeline = extracting(readsTheInboxFirst(), ledger, slowInbox);

        List<CompletableFuture<Outcome<Invoice>>> outcomes = new ArrayList<>();
        for (int i = 0; i < runs; i++) { // the model answers on this thread: each run reaches its tool here
            outcomes.add(pipeline.runAsync("run-" + i, "Extract the invoice from my inbox."));
        }
        assertThat(allStarted.await(30, TimeUnit.SECONDS)).as("every run's tool is in flight at once").isTrue();
        assertThat(outcomes).noneMatch(CompletableFuture::isDone);
        release.countDown();
        for (CompletableFuture<Outcome<Invoice>> o : outcomes) {
            assertThat(o.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
        }
        assertThat(toolThreadNames).allMatch(n -> n.startsWith("arbiter-tool-")).hasSizeGreaterThanOrEqualTo(runs);
        assertThat(ledger.size()).isEqualTo(2L * runs);
        assertThat(ledger.verify().isValid()).isTrue();
    }
}
