package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.ApprovalRequest;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Sleeper;
import dev.arbiter.workflow.Step;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.Steps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Work that may block in an asynchronous run ({@code Pipeline.runAsync}): deterministic steps, the tool journal's
 * checkpoints, and the approval queue with the suspensions kept for it. None of it runs on the thread the run goes on
 * on (here the provider's): steps and the queue run on the pipeline's executor for blocking work, the journal uses
 * the store's asynchronous calls.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncBlockingWorkTest {

    private static final String GOOD = "{\"number\":\"INV-9902\",\"total\":2380}";
    private static final ToolDescriptor READ_INBOX = ToolDescriptor.of(ToolSpec.of("read_inbox", "Reads the inbox.",
            "{\"type\":\"object\",\"properties\":{}}"), SideEffect.READ);

    private final ExecutorService provider = named("provider");
    private final ExecutorService blocking = named("blocking-work");
    private final ExecutorService storeIo = named("store-io");

    private static ExecutorService named(String name) {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stop() {
        provider.shutdownNow();
        blocking.shutdownNow();
        storeIo.shutdownNow();
    }

    private GovernedStep.Builder<String, Invoice> extracting(ScriptedGenerator script) {
        return GovernedStep.<String, Invoice>builder("extract", ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(Fixtures.answeringOn(script, provider)).verifier(JsonSchemaVerifier.create());
    }

    /** A step of an application's own that implements only {@code run}. */
    private static final class Own implements Step<Invoice, String> {
        private final Set<String> threads;

        Own(Set<String> threads) {
            this.threads = threads;
        }

        @Override
        public String id() {
            return "own";
        }

        @Override
        public Outcome<String> run(Invoice input, StepContext context) {
            threads.add("own@" + Thread.currentThread().getName());
            return new Outcome.Accepted<>(input.number(), context.runId());
        }
    }

    @Test
    void deterministicStepsRunOnTheExecutorForBlockingWorkAndAnAsyncOneWhereTheRunIs() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Pipeline<String, String> pipeline = Pipeline.builder("steps", extracting(ScriptedGenerator.of(answer(GOOD)))
                        .build(), ArtifactType.of(Invoice.class))
                .then(Steps.of("of", (Invoice i) -> {
                    threads.add("of@" + Thread.currentThread().getName());
                    return i;
                }), ArtifactType.of(Invoice.class))
                .then(new Own(threads), ArtifactType.of(String.class))
                .then(Steps.ofAsync("ofAsync", (String number) -> {
                    threads.add("ofAsync@" + Thread.currentThread().getName());
                    return CompletableFuture.completedFuture(number + "!");
                }), ArtifactType.of(String.class))
                .blockingWork(blocking).build();

        Outcome<String> outcome = pipeline.runAsync("run-steps", "x").get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(Outcome.accepted("INV-9902!", "run-steps"));
        assertThat(threads).hasSize(3).contains("of@blocking-work", "own@blocking-work")
                .noneMatch(t -> t.startsWith("of@") && !t.equals("of@blocking-work"));
        assertThat(threads).filteredOn(t -> t.startsWith("ofAsync@")).singleElement().asString()
                .as("where the run is: whichever thread completed own's future").isIn("ofAsync@blocking-work",
                        "ofAsync@provider", "ofAsync@" + Thread.currentThread().getName());

        Set<String> sync = ConcurrentHashMap.newKeySet();
        Pipeline<String, String> direct = Pipeline.builder("direct", Steps.ofAsync("ofAsync", (String s) -> {
            sync.add(Thread.currentThread().getName());
            return CompletableFuture.supplyAsync(() -> s + "?", provider);
        }), ArtifactType.of(String.class)).then(Steps.of("of", (String s) -> {
            sync.add(Thread.currentThread().getName());
            return s;
        }), ArtifactType.of(String.class)).blockingWork(blocking).build();
        String caller = Thread.currentThread().getName();
        assertThat(direct.run("run-sync", "y")).as("run waits for the future and runs every step on its thread")
                .isEqualTo(Outcome.accepted("y?", "run-sync"));
        assertThat(sync).containsExactly(caller);
    }

    @Test
    void byDefaultBlockingStepsRunOnArbitersOwnThreadsAndRunnableRunKeepsThemWhereTheRunIs() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Step<Invoice, String> label = Steps.of("label", (Invoice i) -> {
            threads.add(Thread.currentThread().getName());
            return i.number();
        });
        Pipeline<String, String> byDefault = Pipeline.builder("default", extracting(ScriptedGenerator.of(answer(GOOD)))
                .build(), ArtifactType.of(Invoice.class)).then(label, ArtifactType.of(String.class)).build();
        assertThat(byDefault.runAsync("run-d", "x").get(30, TimeUnit.SECONDS))
                .isEqualTo(Outcome.accepted("INV-9902", "run-d"));
        assertThat(threads).singleElement().asString().startsWith("arbiter-blocking-");

        threads.clear();
        Pipeline<String, String> inline = Pipeline.builder("inline", extracting(ScriptedGenerator.of(answer(GOOD)))
                .build(), ArtifactType.of(Invoice.class)).then(label, ArtifactType.of(String.class))
                .blockingWork(Runnable::run).build();
        assertThat(inline.runAsync("run-i", "x").get(30, TimeUnit.SECONDS))
                .isEqualTo(Outcome.accepted("INV-9902", "run-i"));
        assertThat(threads).as("where the run is: the provider's thread, or this one if it answered at once")
                .singleElement().asString().isIn("provider", Thread.currentThread().getName());
    }

    @Test
    void aSleeperThatOnlySleepsBacksOffOnTheExecutorForBlockingWorkAndOneOfItsOwnWhereItAnswers() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        Sleeper onlySleeps = duration -> {
            threads.add("sleep@" + Thread.currentThread().getName());
            waits.add(duration);
        };
        ScriptedGenerator script = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503 from the provider"))
                .respond(answer(GOOD)).build();
        Outcome<Invoice> outcome = Pipeline.builder("retry", extracting(script).build(), ArtifactType.of(Invoice.class))
                .sleeper(onlySleeps).blockingWork(blocking).build().runAsync("run-b", "x").get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(waits).hasSize(1);
        assertThat(threads).containsExactly("sleep@blocking-work");

        threads.clear();
        Sleeper ownFuture = new Sleeper() {
            @Override
            public void sleep(Duration duration) {
                throw new AssertionError("an asynchronous run asks for sleepAsync");
            }

            @Override
            public CompletableFuture<Void> sleepAsync(Duration duration) {
                threads.add("sleepAsync@" + Thread.currentThread().getName());
                return CompletableFuture.completedFuture(null);
            }
        };
        ScriptedGenerator again = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503 from the provider"))
                .respond(answer(GOOD)).build();
        assertThat(Pipeline.builder("retry", extracting(again).build(), ArtifactType.of(Invoice.class))
                .sleeper(ownFuture).blockingWork(blocking).build().runAsync("run-o", "x").get(30, TimeUnit.SECONDS))
                .isInstanceOf(Outcome.Accepted.class);
        assertThat(threads).as("asked where the run is: the provider's thread, or this one if it failed at once")
                .singleElement().asString().isIn("sleepAsync@provider", "sleepAsync@" + Thread.currentThread().getName());
    }

    @Test
    void fanOutElementsThatBlockRunOnTheExecutorForBlockingWork() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Step<List<Integer>, List<Integer>> doubled = Steps.fanOut("double", Steps.of("each", (Integer n) -> {
            threads.add(Thread.currentThread().getName());
            return 2 * n;
        }), 2);
        @SuppressWarnings("unchecked")
        ArtifactType<List<Integer>> ints = (ArtifactType<List<Integer>>) (ArtifactType<?>) ArtifactType.of(List.class);
        Outcome<List<Integer>> outcome = Pipeline.builder("fan", doubled, ints).blockingWork(blocking).build()
                .runAsync("run-fan", List.of(1, 2, 3, 4)).get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(Outcome.accepted(List.of(2, 4, 6, 8), "run-fan"));
        assertThat(threads).containsExactly("blocking-work");
    }

    @Test
    void anExecutorThatRefusesFailsTheRunNamingTheStepWithItsRecord() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        Pipeline<String, String> pipeline = Pipeline.builder("refused", extracting(ScriptedGenerator.of(answer(GOOD)))
                        .build(), ArtifactType.of(Invoice.class))
                .then(Steps.of("label", (Invoice i) -> i.number()), ArtifactType.of(String.class)).ledger(ledger)
                .blockingWork(task -> {
                    throw new RejectedExecutionException("the executor is shut down");
                }).build();

        Outcome<String> outcome = pipeline.runAsync("run-refused", "x").get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.failure().message())
                .contains("step 'label'").contains("the executor is shut down"));
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().step() + " " + r.entry().decision())
                .containsExactly("extract ACCEPTED", "label FAILED");
    }

    @Test
    void aThrowingStepsFailedRecordIsAppendedAsynchronouslyAndTheRunEndsOnceItIsStored() throws Exception {
        HeldLedger ledger = new HeldLedger();
        CompletableFuture<Outcome<String>> outcome = Pipeline.builder("throws", Steps.of("lookup", (String s) -> {
            throw new IllegalStateException("no such customer");
        }), ArtifactType.of(String.class)).ledger(ledger).redactor(Redactor.none()).blockingWork(Runnable::run)
                .build().runAsync("run-t", "x");

        assertThat(ledger.held).as("the FAILED record, sealed and waiting to be stored").hasSize(1);
        assertThat(outcome).isNotDone();
        ledger.storeAll();

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().message()).isEqualTo("step 'lookup' threw java.lang.IllegalStateException:"
                        + " no such customer"));
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().step() + " " + r.entry().decision())
                .containsExactly("lookup FAILED");
    }

    @Test
    void anAsyncStepsFailedFutureOrMissingValueFailsTheRunNamingTheStep() throws Exception {
        Pipeline<String, String> failing = Pipeline.builder("failing", Steps.ofAsync("lookup", (String s) ->
                CompletableFuture.<String>failedFuture(new IllegalStateException("no such customer"))),
                ArtifactType.of(String.class)).build();
        assertThat(failing.runAsync("run-f", "x").get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                Outcome.Failed.class, f -> assertThat(f.failure().message()).contains("step 'lookup'")
                        .contains("no such customer"));
        assertThat(failing.run("run-f2", "x")).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().message()).contains("no such customer"));

        Pipeline<String, String> empty = Pipeline.builder("empty", Steps.ofAsync("lookup", (String s) ->
                CompletableFuture.<String>completedFuture(null)), ArtifactType.of(String.class)).build();
        assertThat(empty.runAsync("run-n", "x").get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                Outcome.Failed.class, f -> assertThat(f.failure().message())
                        .contains("deterministic step 'lookup' returned null"));

        Pipeline<String, String> none = Pipeline.builder("none", Steps.ofAsync("lookup", (String s) -> null),
                ArtifactType.of(String.class)).build();
        assertThat(none.runAsync("run-0", "x").get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                Outcome.Failed.class, f -> assertThat(f.failure().message())
                        .contains("deterministic step 'lookup' returned no future"));
    }

    /**
     * A checkpoint store in memory that notes the thread of every synchronous call and answers its asynchronous
     * calls from a thread of its own, as a store on disk or in a database would.
     */
    private class NotingStore extends Fixtures.OffloadedStore {
        final Set<String> syncCalls = ConcurrentHashMap.newKeySet();

        NotingStore() {
            super(CheckpointStore.inMemory(), storeIo);
        }

        @Override
        public Optional<Checkpoint> load(String runId, String key) {
            syncCalls.add("load " + key + "@" + Thread.currentThread().getName());
            return super.load(runId, key);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            syncCalls.add("save " + checkpoint.key() + "@" + Thread.currentThread().getName());
            super.save(checkpoint);
        }

        /** The threads of the synchronous calls. */
        Set<String> syncThreads() {
            Set<String> out = ConcurrentHashMap.newKeySet();
            syncCalls.forEach(c -> out.add(c.substring(c.indexOf('@') + 1)));
            return out;
        }
    }

    /** An approval queue in memory that notes the thread of every call. */
    private static final class NotingQueue implements ApprovalQueue {
        final ApprovalQueue inner = ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1));
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        private <T> T noted(Supplier<T> call) {
            threads.add(Thread.currentThread().getName());
            return call.get();
        }

        @Override
        public Approval submit(ApprovalRequest request) {
            return noted(() -> inner.submit(request));
        }

        @Override
        public Approval approve(String id, String approver, String reason) {
            return inner.approve(id, approver, reason); // the test's own decision, not the run's
        }

        @Override
        public Approval reject(String id, String approver, String reason) {
            return inner.reject(id, approver, reason);
        }

        @Override
        public Optional<Approval> find(String id) {
            return noted(() -> inner.find(id));
        }

        @Override
        public Optional<Approval> consume(String runId, String callDigest) {
            return noted(() -> inner.consume(runId, callDigest));
        }

        @Override
        public List<Approval> pending() {
            return noted(inner::pending);
        }
    }

    private static ToolGateway gateway(ProvenanceLedger ledger, ApprovalQueue queue, Grant grant, Tool tool,
            Executor blockingTools) {
        return ToolGateway.builder(PermissionEnvelope.builder(PolicyRef.of("inbox", "1")).grant(READ_INBOX, grant)
                .build(), ledger, queue).tool(tool).redactor(Redactor.none()).blockingTools(blockingTools).build();
    }

    @Test
    void theToolJournalIsKeptWithTheStoresAsynchronousCalls() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        NotingStore store = new NotingStore();
        Tool tool = Tool.ofAsync(READ_INBOX, args -> CompletableFuture.completedFuture("Invoice INV-9902, EUR 2380."));
        GovernedStep<String, Invoice> step = extracting(AsyncToolsTest.readsTheInboxFirst()).tools(gateway(ledger,
                ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1)), Grant.unrestricted(), tool,
                blocking), 3).build();
        Pipeline<String, Invoice> pipeline = Pipeline.builder("journal", step, ArtifactType.of(Invoice.class))
                .ledger(ledger).checkpoints(store).redactor(Redactor.none()).blockingWork(blocking).build();

        Outcome<Invoice> outcome = pipeline.runAsync("run-j", "x").get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(Outcome.accepted(new Invoice("INV-9902", 2380), "run-j"));
        assertThat(store.syncCalls).as("no synchronous store call in an asynchronous run").isEmpty();
        assertThat(store.inner().load("run-j", "tool-executed:0")).hasValueSatisfying(c -> assertThat(c.artifactJson())
                .contains("read_inbox").contains("INV-9902"));
        assertThat(store.inner().load("run-j", "tool-executed:1")).isEmpty();

        Outcome<Invoice> sync = pipeline.run("run-j-sync", "x"); // the synchronous run, for contrast: on its thread
        assertThat(sync).isEqualTo(Outcome.accepted(new Invoice("INV-9902", 2380), "run-j-sync"));
        assertThat(store.syncCalls).contains("save tool-executed:0@" + Thread.currentThread().getName());
    }

    @Test
    void aJournalThatCannotBeSavedFailsTheRunWithItsRecordAndTheToolRunsOnce() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        NotingStore failing = new NotingStore() {
            @Override
            public CompletableFuture<Void> saveAsync(Checkpoint checkpoint) {
                return checkpoint.key().startsWith("tool-executed:")
                        ? CompletableFuture.failedFuture(new IllegalStateException("the database is down"))
                        : super.saveAsync(checkpoint);
            }
        };
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Tool tool = Tool.ofAsync(READ_INBOX, args -> CompletableFuture.completedFuture("inbox " + reads.incrementAndGet()));
        GovernedStep<String, Invoice> step = extracting(AsyncToolsTest.readsTheInboxFirst()).tools(gateway(ledger,
                ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1)), Grant.unrestricted(), tool,
                blocking), 3).build();
        Pipeline<String, Invoice> pipeline = Pipeline.builder("journal", step, ArtifactType.of(Invoice.class))
                .ledger(ledger).checkpoints(failing).redactor(Redactor.none()).blockingWork(blocking).build();

        Outcome<Invoice> outcome = pipeline.runAsync("run-down", "x").get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.failure().message())
                .contains("the database is down"));
        assertThat(reads.get()).isEqualTo(1);
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().decision()).last()
                .isEqualTo(Decision.FAILED);
        assertThat(failing.syncCalls).isEmpty();
    }

    @Test
    void aGeneratorThatWaitsOnItsCallerIsCalledOnTheExecutorForBlockingWorkNotWhereAToolEnded() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        ScriptedGenerator script = AsyncToolsTest.readsTheInboxFirst();
        Set<String> modelThreads = ConcurrentHashMap.newKeySet();
        dev.arbiter.core.Generator waiting = request -> { // a ChatModel's generator: generateAsync is the default
            modelThreads.add(Thread.currentThread().getName());
            return script.generate(request);
        };
        ExecutorService toolThreads = named("tool-service");
        try {
            Tool tool = Tool.ofAsync(READ_INBOX, args -> CompletableFuture.supplyAsync(() -> "Invoice INV-9902, EUR 2380.",
                    toolThreads)); // the run goes on on the tool's thread when it ends
            GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                            ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer()).generator(waiting)
                    .verifier(JsonSchemaVerifier.create()).tools(gateway(ledger, ApprovalQueue.inMemory(
                            Clock.systemUTC(), Duration.ofHours(1)), Grant.unrestricted(), tool, blocking), 3).build();
            Pipeline<String, Invoice> pipeline = Pipeline.builder("model", step, ArtifactType.of(Invoice.class))
                    .ledger(ledger).redactor(Redactor.none()).blockingWork(blocking).build();

            Outcome<Invoice> outcome = pipeline.runAsync("run-m", "x").get(30, TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(Outcome.accepted(new Invoice("INV-9902", 2380), "run-m"));
            assertThat(script.callCount()).isEqualTo(2);
            assertThat(modelThreads).as("both model calls, the one after the tool too").containsExactly("blocking-work");

            modelThreads.clear();
            String caller = Thread.currentThread().getName();
            assertThat(pipeline.run("run-m-sync", "x")).isInstanceOf(Outcome.Accepted.class);
            assertThat(modelThreads).as("a synchronous run calls the model on its own thread").containsExactly(caller);
        } finally {
            toolThreads.shutdownNow();
        }
    }

    @Test
    void aHumanReviewIsSubmittedAndResumedOffTheRunsThread() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        NotingStore store = new NotingStore();
        NotingQueue queue = new NotingQueue();
        Verifier review = Verifier.named("amount", c -> Verdict.humanReview("amount", "amount above 1000"));
        ScriptedGenerator script = ScriptedGenerator.of(answer(GOOD));
        Pipeline<String, Invoice> pipeline = Pipeline.builder("review", extracting(script).verifier(review).build(),
                        ArtifactType.of(Invoice.class)).ledger(ledger).checkpoints(store).approvals(queue)
                .blockingWork(blocking).build();

        Outcome<Invoice> suspended = pipeline.runAsync("run-r", "x").get(30, TimeUnit.SECONDS);
        assertThat(suspended).isInstanceOf(Outcome.Escalated.class);
        String id = ((Outcome.Escalated<Invoice>) suspended).pendingId();
        assertThat(queue.inner.find(id)).hasValueSatisfying(a -> assertThat(a.request().toolName())
                .isEqualTo("arbiter.review"));
        queue.approve(id, "alice", "the amount matches the order");

        Outcome<Invoice> resumed = pipeline.runAsync("run-r", "x").get(30, TimeUnit.SECONDS);

        assertThat(resumed).isEqualTo(Outcome.accepted(new Invoice("INV-9902", 2380), "run-r"));
        assertThat(script.callCount()).isEqualTo(1);
        assertThat(queue.threads).as("every question to the queue").containsExactly("blocking-work");
        assertThat(store.syncThreads()).as("the suspensions read and written synchronously")
                .containsExactly("blocking-work");
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().decision())
                .containsExactly(Decision.ESCALATED, Decision.ACCEPTED);
    }

    @Test
    void aToolCallThatNeedsApprovalIsRememberedAndItsRejectionReadOffTheRunsThread() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        NotingStore store = new NotingStore();
        NotingQueue queue = new NotingQueue();
        ExecutorService gatewayThreads = named("gateway-blocking");
        try {
            Tool tool = Tool.of(READ_INBOX, args -> "Invoice INV-9902, EUR 2380.");
            GovernedStep<String, Invoice> step = extracting(AsyncToolsTest.readsTheInboxFirst()).tools(gateway(ledger, queue,
                    Grant.builder().approvalRequired(true).build(), tool, gatewayThreads), 3).build();
            Pipeline<String, Invoice> pipeline = Pipeline.builder("approve", step, ArtifactType.of(Invoice.class))
                    .ledger(ledger).checkpoints(store).approvals(queue).redactor(Redactor.none())
                    .blockingWork(blocking).build();

            Outcome<Invoice> suspended = pipeline.runAsync("run-a", "x").get(30, TimeUnit.SECONDS);
            assertThat(suspended).isInstanceOf(Outcome.Escalated.class);
            String id = ((Outcome.Escalated<Invoice>) suspended).pendingId();
            assertThat(store.inner().load("run-a", "suspension:0")).hasValueSatisfying(c ->
                    assertThat(c.artifactJson()).contains(id));
            queue.reject(id, "bob", "not during the audit");

            Outcome<Invoice> resumed = pipeline.runAsync("run-a", "x").get(30, TimeUnit.SECONDS);

            assertThat(resumed).as("the model is told of the rejection and answers without the tool")
                    .isEqualTo(Outcome.accepted(new Invoice("INV-9902", 2380), "run-a"));
            assertThat(queue.threads).containsExactlyInAnyOrder("gateway-blocking", "blocking-work");
            assertThat(store.syncThreads()).containsExactly("blocking-work");
            assertThat(queue.inner.pending()).isEmpty();
        } finally {
            gatewayThreads.shutdownNow();
        }
    }
}
