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
import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.authority.provenance.VerifyOptions;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Sleeper;
import dev.arbiter.workflow.Steps;
import dev.arbiter.workflow.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pipeline#runAsync}: the same run as {@link Pipeline#run}, outcome, records and trace alike, with the
 * generator answering on another thread, and no thread held while it has not answered.
 */
class AsyncRunTest {

    private static final String GOOD = "{\"number\":\"INV-9902\",\"total\":2380}";
    private static final String BAD = "{\"number\":\"INV-9902\"}";
    private static final ToolDescriptor READ_INBOX = ToolDescriptor.of(ToolSpec.of("read_inbox", "Reads the inbox.",
            "{\"type\":\"object\",\"properties\":{}}"), SideEffect.READ);

    private final ExecutorService provider = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "provider");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() {
        provider.shutdownNow();
    }

    /** A generator that only answers asynchronously, with {@code answer}; its blocking {@code generate} fails the test. */
    private static Generator asyncOnly(Function<GenerationRequest, CompletableFuture<Generation>> answer) {
        return new Generator() {
            @Override
            public Generation generate(GenerationRequest request) {
                throw new AssertionError("an asynchronous run must not call generate");
            }

            @Override
            public CompletableFuture<Generation> generateAsync(GenerationRequest request) {
                return answer.apply(request);
            }
        };
    }

    /** A generator whose answers come from {@code script} on the provider's threads, never the caller's. */
    private Generator answeringElsewhere(Generator script) {
        return asyncOnly(request -> CompletableFuture.supplyAsync(() -> script.generate(request), provider));
    }

    /** The invoice step: contract, schema verification, and {@code generator}. */
    private static GovernedStep.Builder<String, Invoice> extracting(Generator generator) {
        return GovernedStep.<String, Invoice>builder("extract", ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(generator).verifier(JsonSchemaVerifier.create());
    }

    /** Reads the inbox, answers without a field, is told so, answers right: a tool round and a repair. */
    private static ScriptedGenerator toolThenRepairScript() {
        return ScriptedGenerator.of(
                Generation.ofToolCalls(ToolCall.of("c1", "read_inbox", "{}")).toBuilder().modelId("gpt-4o-mini").build(),
                answer(BAD),
                answer(GOOD));
    }

    /** A gateway whose envelope allows {@code read_inbox}, served by {@code tool}. */
    private static ToolGateway inbox(ProvenanceLedger ledger, Tool tool) {
        PermissionEnvelope envelope = PermissionEnvelope.builder(PolicyRef.of("inbox-only", "1"))
                .grant(READ_INBOX, Grant.unrestricted()).build();
        return ToolGateway.builder(envelope, ledger, ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1)))
                .tool(tool).build();
    }

    private static Pipeline<String, String> pipeline(Generator generator, ProvenanceLedger ledger,
            Fixtures.Recorder recorder, CheckpointStore checkpoints) {
        ToolGateway gateway = inbox(ledger, Tool.of(READ_INBOX, args -> "Invoice INV-9902, total EUR 2380."));
        GovernedStep<String, Invoice> extract = extracting(generator).tools(gateway, 3).build();
        return Pipeline.builder("inbox", extract, ArtifactType.of(Invoice.class))
                .then(Steps.of("label", (Invoice i) -> i.number() + " " + i.total()), ArtifactType.of(String.class))
                .ledger(ledger).listener(recorder).checkpoints(checkpoints).build();
    }

    private static List<String> records(ProvenanceLedger ledger) {
        List<String> out = new ArrayList<>();
        for (ProvenanceRecord r : ledger.read(0, ledger.size())) {
            out.add(r.entry().step() + " " + r.entry().decision() + " "
                    + r.entry().model().map(m -> m.requestDigest()).orElse("-") + " "
                    + r.entry().artifactDigest().orElse("-") + " " + r.entry().note().orElse(""));
        }
        return out;
    }

    private static List<String> kinds(Fixtures.Recorder recorder) {
        return recorder.events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    @Test
    void anAsynchronousRunDoesWhatTheSynchronousRunDoes() throws Exception {
        ScriptedGenerator syncScript = toolThenRepairScript();
        ProvenanceLedger syncLedger = ProvenanceLedger.inMemory();
        Fixtures.Recorder syncTrace = new Fixtures.Recorder();
        Outcome<String> sync = pipeline(syncScript, syncLedger, syncTrace, CheckpointStore.inMemory())
                .run("run-1", "Extract the invoice from my inbox.");

        ScriptedGenerator asyncScript = toolThenRepairScript();
        ProvenanceLedger asyncLedger = ProvenanceLedger.inMemory();
        Fixtures.Recorder asyncTrace = new Fixtures.Recorder();
        Outcome<String> async = pipeline(answeringElsewhere(asyncScript), asyncLedger, asyncTrace,
                CheckpointStore.inMemory()).runAsync("run-1", "Extract the invoice from my inbox.")
                .get(30, TimeUnit.SECONDS);

        assertThat(sync).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo("INV-9902 2380.0"));
        assertThat(async).isEqualTo(sync);
        assertThat(asyncScript.requests()).extracting(GenerationRequest::digest)
                .containsExactlyElementsOf(syncScript.requests().stream().map(GenerationRequest::digest).toList());
        assertThat(records(asyncLedger)).hasSize(4).containsExactlyElementsOf(records(syncLedger));
        assertThat(asyncLedger.read(0, asyncLedger.size())).extracting(r -> r.entry().decision())
                .containsExactly(Decision.TOOL_EXECUTED, Decision.REJECTED, Decision.ACCEPTED, Decision.ACCEPTED);
        assertThat(asyncLedger.verify().isValid()).isTrue();
        assertThat(kinds(asyncTrace)).isEqualTo(kinds(syncTrace));
    }

    @Test
    void aPendingGenerationHoldsNoThreadAndTheRunGoesOnWhereItIsAnswered() throws Exception {
        Map<String, CompletableFuture<Generation>> pending = new ConcurrentHashMap<>();
        Generator manual = asyncOnly(request -> {
            CompletableFuture<Generation> f = new CompletableFuture<>();
            pending.put(Fixtures.lastUserText(request), f);
            return f;
        });
        Set<String> continuedOn = ConcurrentHashMap.newKeySet();
        GovernedStep<String, Invoice> extract = extracting(manual).task(s -> s).build();
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        Pipeline<String, String> pipeline = Pipeline.builder("many", extract, ArtifactType.of(Invoice.class))
                .then(Steps.ofAsync("label", (Invoice i) -> { // neither blocks nor waits: runs where the run is
                    continuedOn.add(Thread.currentThread().getName());
                    return CompletableFuture.completedFuture(i.number());
                }), ArtifactType.of(String.class))
                .ledger(ledger).build();

        int runs = 200;
        List<CompletableFuture<Outcome<String>>> outcomes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            outcomes.add(pipeline.runAsync("run-" + i, "invoice " + i)); // returns at once: nothing answered yet
        }
        assertThat(outcomes).noneMatch(CompletableFuture::isDone);
        assertThat(pending).hasSize(runs);
        assertThat(ledger.size()).isZero();

        List<CompletableFuture<Void>> answered = new ArrayList<>();
        for (CompletableFuture<Generation> f : pending.values()) {
            answered.add(CompletableFuture.runAsync(() -> f.complete(answer(GOOD)), provider));
        }
        CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        for (CompletableFuture<Outcome<String>> o : outcomes) {
            assertThat(o.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Accepted.class,
                    a -> assertThat(a.value()).isEqualTo("INV-9902"));
        }
        assertThat(continuedOn).containsOnly("provider");
        assertThat(ledger.size()).isEqualTo(2L * runs);
        assertThat(ledger.verify().isValid()).isTrue();
    }

    @Test
    void aProviderFailureTakesItsRemedyAsInASynchronousRun() throws Exception {
        Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
        ScriptedGenerator script = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503 from the provider"))
                .respond(answer(GOOD)).build();
        GovernedStep<String, Invoice> extract = extracting(answeringElsewhere(script)).build();
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();

        Outcome<Invoice> outcome = Pipeline.builder("retry", extract, ArtifactType.of(Invoice.class))
                .ledger(ledger).sleeper(sleeper).build().runAsync("x").get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo(new Invoice("INV-9902", 2380)));
        assertThat(sleeper.waits).hasSize(1);
        assertThat(script.callCount()).isEqualTo(2);
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().decision())
                .containsExactly(Decision.REJECTED, Decision.ACCEPTED);
    }

    @Test
    void aGeneratorThatFailsOtherwiseFailsTheRunWithItsRecordAndTheFutureStillCompletes() throws Exception {
        List<Supplier<CompletableFuture<Generation>>> failures = List.of(
                () -> CompletableFuture.failedFuture(new IOException("connection reset")),
                () -> CompletableFuture.failedFuture(new IllegalStateException("client closed")),
                () -> {
                    throw new IllegalStateException("thrown, not returned");
                },
                () -> CompletableFuture.supplyAsync(() -> {
                    throw new IllegalArgumentException("failed on the provider's thread");
                }, provider),
                () -> CompletableFuture.completedFuture(null));
        ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
        for (Supplier<CompletableFuture<Generation>> failure : failures) {
            Generator broken = asyncOnly(request -> failure.get());
            GovernedStep<String, Invoice> extract = extracting(broken).build();
            ProvenanceLedger ledger = ProvenanceLedger.inMemory();

            Outcome<Invoice> outcome = Pipeline.builder("broken", extract, ArtifactType.of(Invoice.class))
                    .ledger(ledger).build().runAsync("x").get(30, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
                assertThat(f.failure().mode()).isEqualTo(FailureMode.VERIFIER_ERROR);
                messages.add(f.failure().message());
            });
            assertThat(ledger.read(0, ledger.size())).singleElement()
                    .satisfies(r -> assertThat(r.entry().decision()).isEqualTo(Decision.FAILED));
        }
        assertThat(messages).hasSize(5).anySatisfy(m -> assertThat(m).contains("IOException: connection reset"))
                .anySatisfy(m -> assertThat(m).contains("client closed"))
                .anySatisfy(m -> assertThat(m).contains("thrown, not returned"))
                .anySatisfy(m -> assertThat(m).contains("failed on the provider's thread"))
                .anySatisfy(m -> assertThat(m).contains("returned null"));
    }

    @Test
    void aResumedAsynchronousRunLoadsItsCheckpointsAndDoesNotAskTheModelAgain() throws Exception {
        CheckpointStore checkpoints = CheckpointStore.inMemory();
        ScriptedGenerator first = toolThenRepairScript();
        Outcome<String> done = pipeline(answeringElsewhere(first), ProvenanceLedger.inMemory(),
                new Fixtures.Recorder(), checkpoints).runAsync("run-r", "Extract.").get(30, TimeUnit.SECONDS);
        ScriptedGenerator second = ScriptedGenerator.of();

        Outcome<String> again = pipeline(answeringElsewhere(second), ProvenanceLedger.inMemory(),
                new Fixtures.Recorder(), checkpoints).runAsync("run-r", "Extract.").get(30, TimeUnit.SECONDS);

        assertThat(again).isEqualTo(done);
        assertThat(second.callCount()).isZero();
    }

    /** The inbox pipeline, its tool and its last step noting the thread they run on. */
    private static Pipeline<String, String> noting(Generator generator, Set<String> threads) {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        ToolGateway gateway = inbox(ledger, Tool.of(READ_INBOX, args -> {
            threads.add(Thread.currentThread().getName());
            return "Invoice INV-9902, total EUR 2380.";
        }));
        return Pipeline.builder("inbox", extracting(generator).tools(gateway, 3).build(), ArtifactType.of(Invoice.class))
                .then(Steps.of("label", (Invoice i) -> {
                    threads.add(Thread.currentThread().getName());
                    return i.number();
                }), ArtifactType.of(String.class)).ledger(ledger).build();
    }

    @Test
    void aSynchronousRunGeneratesAndGoesOnOnItsOwnThreadThoughItsGeneratorCouldAnswerElsewhere() throws Exception {
        ScriptedGenerator script = toolThenRepairScript();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        Outcome<String> outcome = noting(Fixtures.answeringOn(script, provider), threads)
                .run("run-own", "Extract the invoice.");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo("INV-9902"));
        assertThat(script.callCount()).isEqualTo(3);
        assertThat(threads).as("the tool and the next step ran where run was called")
                .containsExactly(Thread.currentThread().getName());
    }

    @Test
    void theDefaultAsynchronousGenerationAnswersOnTheCallingThread() {
        GenerationRequest request = GenerationRequest.of(Message.user("x"));
        assertThat(ScriptedGenerator.of(answer(GOOD)).generateAsync(request))
                .isCompletedWithValueMatching(g -> g.text().equals(GOOD));
        CompletableFuture<Generation> failed = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "429 too many requests")).build()
                .generateAsync(request);
        assertThat(failed).isCompletedExceptionally();
        assertThat(failed.handle((g, e) -> e).join()).isInstanceOf(ArbiterException.class)
                .hasMessageContaining("429");
    }

    /** An in-memory ledger whose asynchronous appends are sealed at once and stored when the test says. */
    @Test
    void anAsynchronousRunEndsAndCheckpointsOnlyOnceItsRecordsAreStored() throws Exception {
        HeldLedger ledger = new HeldLedger();
        CheckpointStore checkpoints = CheckpointStore.inMemory();
        GovernedStep<String, Invoice> extract = extracting(ScriptedGenerator.of(answer(BAD), answer(GOOD))).build();
        Pipeline<String, Invoice> pipeline = Pipeline.builder("held", extract, ArtifactType.of(Invoice.class))
                .ledger(ledger).checkpoints(checkpoints).redactor(Redactor.none())
                .blockingWork(Runnable::run).build(); // the script answers where it is asked

        CompletableFuture<Outcome<Invoice>> outcome = pipeline.runAsync("run-held", "x");

        assertThat(ledger.size()).isEqualTo(2); // REJECTED, then ACCEPTED: sealed in the chain already
        assertThat(outcome).isNotDone();
        assertThat(checkpoints.load("run-held", "0:extract:" + Json.digest("x"))).isEmpty();
        ledger.storeAll();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
        assertThat(checkpoints.load("run-held", "0:extract:" + Json.digest("x"))).isPresent();
    }

    @Test
    void aDeterministicStepsRecordIsStoredAsynchronouslyBeforeTheRunGoesOn() throws Exception {
        HeldLedger ledger = new HeldLedger();
        GovernedStep<String, Invoice> extract = extracting(ScriptedGenerator.of(answer(GOOD))).build();
        CompletableFuture<Outcome<String>> outcome = Pipeline.builder("held", extract, ArtifactType.of(Invoice.class))
                .then(Steps.of("label", (Invoice i) -> i.number()), ArtifactType.of(String.class))
                .ledger(ledger).redactor(Redactor.none()).blockingWork(Runnable::run) // the step where the run is
                .build().runAsync("run-two", "x");

        assertThat(ledger.held).hasSize(1); // the governed step's record: the next step waits for it
        ledger.storeAll();
        assertThat(ledger.held).hasSize(2); // the deterministic step's record, appended without waiting
        assertThat(outcome).isNotDone();
        ledger.storeAll();

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo("INV-9902"));
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().step() + " " + r.entry().decision())
                .containsExactly("extract ACCEPTED", "label ACCEPTED");
    }

    @Test
    void aRecordThatCannotBeStoredFailsTheRun() throws Exception {
        HeldLedger ledger = new HeldLedger();
        GovernedStep<String, Invoice> extract = extracting(ScriptedGenerator.of(answer(GOOD))).build();
        CompletableFuture<Outcome<Invoice>> outcome = Pipeline.builder("held", extract, ArtifactType.of(Invoice.class))
                .ledger(ledger).redactor(Redactor.none()).build().runAsync("run-lost", "x");

        ledger.failAll(new UncheckedIOException(new IOException("disk gone"))); // fails closed, as a file ledger does

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().message()).contains("disk gone"));
    }

    @Test
    void anAsynchronousRunEndsOnceItsCheckpointIsSavedAndAFailedSaveFailsIt() throws Exception {
        HeldCheckpoints held = HeldCheckpoints.saves();
        List<CompletableFuture<Void>> saves = held.saves;
        CheckpointStore memory = held.memory;
        GovernedStep<String, Invoice> extract = extracting(ScriptedGenerator.builder().when(r -> true, answer(GOOD))
                .build()).build();
        Pipeline<String, Invoice> pipeline = Pipeline.builder("saved", extract, ArtifactType.of(Invoice.class))
                .checkpoints(held).blockingWork(Runnable::run).build(); // the script answers where it is asked

        CompletableFuture<Outcome<Invoice>> saved = pipeline.runAsync("run-saved", "x");
        assertThat(saves).hasSize(1);
        assertThat(saved).isNotDone();
        saves.get(0).complete(null);
        assertThat(saved.get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
        assertThat(memory.load("run-saved", "0:extract:" + Json.digest("x"))).isPresent();

        CompletableFuture<Outcome<Invoice>> lost = pipeline.runAsync("run-lost", "x");
        saves.get(1).completeExceptionally(new UncheckedIOException(new IOException("disk full")));
        assertThat(lost.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().message()).contains("disk full"));
    }

    @Test
    void anAsynchronousRunLoadsItsCheckpointsWithLoadAsyncAndGoesOnOnceEachIsKnown() throws Exception {
        HeldCheckpoints held = HeldCheckpoints.loads();
        List<CompletableFuture<Void>> loads = held.loads;
        ScriptedGenerator model = ScriptedGenerator.builder().when(r -> true, answer(GOOD)).build();
        Pipeline<String, String> pipeline = Pipeline.builder("loaded", extracting(model).build(),
                ArtifactType.of(Invoice.class)).then(Steps.of("label", (Invoice i) -> i.number()),
                        ArtifactType.of(String.class)).checkpoints(held)
                .blockingWork(Runnable::run).build(); // the script and the label where the run is

        CompletableFuture<Outcome<String>> first = pipeline.runAsync("run-l", "x");
        assertThat(loads).hasSize(1);
        assertThat(model.callCount()).as("the step waits for its checkpoint to be known").isZero();
        loads.get(0).complete(null);
        assertThat(loads).as("the second step's load, once the first step is done").hasSize(2);
        assertThat(first).isNotDone();
        loads.get(1).complete(null);
        assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo("INV-9902"));
        assertThat(model.callCount()).isEqualTo(1);

        CompletableFuture<Outcome<String>> resumed = pipeline.runAsync("run-l", "x");
        loads.get(2).complete(null);
        loads.get(3).complete(null);
        assertThat(resumed.get(30, TimeUnit.SECONDS)).isEqualTo(first.get());
        assertThat(model.callCount()).as("both steps resumed from their checkpoints").isEqualTo(1);

        CompletableFuture<Outcome<String>> failed = pipeline.runAsync("run-f", "x");
        loads.get(4).completeExceptionally(new IllegalStateException("the database is down"));
        assertThat(failed.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().message()).contains("the database is down"));
        assertThat(model.callCount()).isEqualTo(1);
    }

    @Test
    void runsOnAFileLedgerWithGroupCommitWaitForItsForcesWithoutAThread(@TempDir Path dir) throws Exception {
        try (ProvenanceLedger ledger = ProvenanceLedger.file(dir.resolve("ledger.jsonl"))
                .durability(FileLedgerBuilder.Durability.GROUP_COMMIT).open()) {
            Generator model = answeringElsewhere(ScriptedGenerator.builder().when(r -> true, answer(GOOD)).build());
            GovernedStep<String, Invoice> extract = extracting(model).build();
            Pipeline<String, Invoice> pipeline = Pipeline.builder("file", extract, ArtifactType.of(Invoice.class))
                    .ledger(ledger).build();
            List<CompletableFuture<Outcome<Invoice>>> outcomes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                outcomes.add(pipeline.runAsync("run-" + i, "invoice " + i));
            }
            for (CompletableFuture<Outcome<Invoice>> o : outcomes) {
                assertThat(o.get(60, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
            }
            assertThat(ledger.size()).isEqualTo(100);
            assertThat(ledger.verify().isValid()).isTrue();
        }
    }

    /** A sleeper whose asynchronous waits end when the test says; its blocking sleep must not be used. */
    private static final class HeldSleeper implements Sleeper {
        final List<Duration> asked = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> over = new CompletableFuture<>();

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("an asynchronous run must not block to back off");
        }

        @Override
        public CompletableFuture<Void> sleepAsync(Duration duration) {
            asked.add(duration);
            return over;
        }
    }

    private static Pipeline<String, Invoice> backingOff(ScriptedGenerator script, Sleeper sleeper) {
        GovernedStep<String, Invoice> extract = extracting(script).build();
        return Pipeline.builder("retry", extract, ArtifactType.of(Invoice.class)).sleeper(sleeper)
                .blockingWork(Runnable::run).build(); // the script answers where it is asked, as a model at once
    }

    @Test
    void aBackOffHoldsNoThreadAndTheRunAttemptsAgainWhenItIsOver() throws Exception {
        HeldSleeper sleeper = new HeldSleeper();
        ScriptedGenerator script = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503 from the provider"))
                .respond(answer(GOOD)).build();

        CompletableFuture<Outcome<Invoice>> outcome = backingOff(script, sleeper).runAsync("x");

        assertThat(outcome).isNotDone(); // returned while backing off
        assertThat(sleeper.asked).hasSize(1);
        assertThat(script.callCount()).isEqualTo(1);
        sleeper.over.complete(null);
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo(new Invoice("INV-9902", 2380)));
        assertThat(script.callCount()).isEqualTo(2);
    }

    @Test
    void aBackOffWaitThatFailsFailsTheRun() throws Exception {
        HeldSleeper sleeper = new HeldSleeper();
        ScriptedGenerator script = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503 from the provider"))
                .respond(answer(GOOD)).build();
        CompletableFuture<Outcome<Invoice>> outcome = backingOff(script, sleeper).runAsync("x");

        sleeper.over.completeExceptionally(new InterruptedException("shutting down"));

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.failure().mode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
            assertThat(f.failure().message()).contains("the back-off wait failed").contains("shutting down");
        });
        assertThat(script.callCount()).isEqualTo(1);
    }

    @Test
    void theSystemSleeperWaitsAsynchronouslyWithoutBlockingTheCaller() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> wait = Sleeper.SYSTEM.sleepAsync(Duration.ofMillis(300));

        boolean doneOnReturn = wait.isDone();
        long returned = System.nanoTime() - start;

        // a blocking sleep returns its future done; a future done on return is only right if the wait was over
        assertThat(!doneOnReturn || returned >= 300_000_000L).as("done on return after %d ns", returned).isTrue();
        wait.get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
