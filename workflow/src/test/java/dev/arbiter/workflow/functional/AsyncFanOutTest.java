package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Step;
import dev.arbiter.workflow.StepContext;
import dev.arbiter.workflow.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Steps.fanOut} in {@code Pipeline.runAsync}: its elements pending hold no thread, within the bound. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncFanOutTest {

    /** A step that only runs asynchronously, with {@code run}; its blocking {@code run} fails the test. */
    private static Step<String, String> asyncOnly(Function<String, CompletableFuture<Outcome<String>>> run) {
        return new Step<>() {
            @Override
            public String id() {
                return "async-only";
            }

            @Override
            public Outcome<String> run(String input, StepContext context) {
                throw new AssertionError("an asynchronous fan-out must not call run");
            }

            @Override
            public CompletableFuture<Outcome<String>> runAsync(String input, StepContext context) {
                return run.apply(input);
            }
        };
    }

    /** A step whose outcomes the test gives: each element's run is pending until the test completes it. */
    private static final class Manual {
        final Map<String, CompletableFuture<Outcome<String>>> pending = new ConcurrentHashMap<>();
        final Step<String, String> step = asyncOnly(input -> {
            CompletableFuture<Outcome<String>> f = new CompletableFuture<>();
            pending.put(input, f);
            return f;
        });

        void accept(String input) {
            pending.get(input).complete(new Outcome.Accepted<>(input.toUpperCase(), "run"));
        }
    }

    private static Pipeline<List<String>, List<String>> fanOut(Step<String, String> each, int concurrency) {
        return Pipeline.builder("fan", Steps.fanOut("all", each, concurrency), ArtifactType.listOf(String.class))
                .build();
    }

    private static List<String> letters(int n) {
        return IntStream.range(0, n).mapToObj(i -> "e" + i).toList();
    }

    @Test
    void pendingElementsHoldNoThreadStayWithinTheBoundAndKeepInputOrder() throws Exception {
        Manual each = new Manual();
        CompletableFuture<Outcome<List<String>>> outcome = fanOut(each.step, 3).runAsync("run-fan", letters(10));

        assertThat(outcome).isNotDone();
        assertThat(each.pending).containsOnlyKeys("e0", "e1", "e2");
        each.accept("e2"); // a later element first: the next starts, the order stays the input's
        assertThat(each.pending).containsOnlyKeys("e0", "e1", "e2", "e3");
        for (int i = 0; i < 10; i++) {
            String e = "e" + i;
            if (!each.pending.get(e).isDone()) {
                Thread answering = new Thread(() -> each.accept(e));
                answering.start();
                answering.join();
            }
            long inFlight = each.pending.values().stream().filter(f -> !f.isDone()).count();
            assertThat(inFlight).isLessThanOrEqualTo(3);
        }

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo(letters(10).stream().map(String::toUpperCase).toList()));
    }

    @Test
    void theFirstElementNotAcceptedInInputOrderDecidesAndNoFurtherElementStarts() throws Exception {
        Manual each = new Manual();
        CompletableFuture<Outcome<List<String>>> outcome = fanOut(each.step, 2).runAsync("run-fan", letters(6));

        Outcome.Rejected<String> rejected = new Outcome.Rejected<>(List.of(Finding.of("check", FailureMode
                .SCHEMA_VIOLATION, Location.whole(), "e1 is wrong", "fix e1")), 1);
        each.pending.get("e1").complete(rejected);
        assertThat(each.pending).as("e2 may start: e0, before e1, is still pending").containsOnlyKeys("e0", "e1", "e2");
        each.accept("e2");
        assertThat(outcome).isNotDone();
        assertThat(each.pending).containsKey("e3");
        each.accept("e0"); // now e1 decides; e3 is in flight, e4 and e5 never start
        assertThat(outcome).as("the step waits for the elements already started").isNotDone();
        each.accept("e3");

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.findings()).isEqualTo(rejected.findings()));
        assertThat(each.pending).doesNotContainKeys("e4", "e5");
    }

    @Test
    void elementsThatFailOrThrowFailTheFanOutAsInASynchronousRun() throws Exception {
        Step<String, String> throwing = Steps.of("boom", (String s) -> {
            throw new IllegalStateException("element " + s + " broke");
        });
        Outcome<List<String>> sync = fanOut(throwing, 2).run("run-s", letters(3));
        Outcome<List<String>> async = fanOut(throwing, 2).runAsync("run-s", letters(3)).get(30, TimeUnit.SECONDS);

        assertThat(async).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.failure().mode()).isEqualTo(FailureMode.VERIFIER_ERROR);
            assertThat(f.failure().message()).contains("element e0 broke");
        });
        assertThat(sync).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.failure().step() + " "
                + f.failure().message()).isEqualTo(((Outcome.Failed<?>) async).failure().step() + " "
                + ((Outcome.Failed<?>) async).failure().message()));
    }

    @Test
    void thousandsOfElementsThatCompleteAtOnceDoNotDeepenTheStack() throws Exception {
        List<String> many = letters(20_000);
        Outcome<List<String>> outcome = fanOut(Steps.of("upper", String::toUpperCase), 4)
                .runAsync("run-many", many).get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo(many.stream().map(String::toUpperCase).toList()));
    }

    @Test
    void elementsCompletingOnManyThreadsAtOnceAreEachCountedOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Step<String, String> elsewhere = asyncOnly(input -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                return new Outcome.Accepted<>(input.toUpperCase(), "run");
            }, threads);
        });
        try {
            for (int round = 0; round < 20; round++) {
                List<String> input = letters(2_000);
                Outcome<List<String>> o = fanOut(elsewhere, 16).runAsync("run-" + round, input)
                        .get(30, TimeUnit.SECONDS);
                assertThat(o).isInstanceOfSatisfying(Outcome.Accepted.class, a -> assertThat(a.value())
                        .isEqualTo(input.stream().map(String::toUpperCase).toList()));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(peak.get()).isBetween(1, 16);
    }

    @Test
    void aFanOutOfGovernedStepsRecordsWhatTheSynchronousRunRecords() throws Exception {
        List<String> records = new ArrayList<>();
        for (boolean async : new boolean[] {false, true}) {
            ProvenanceLedger ledger = ProvenanceLedger.inMemory();
            GovernedStep<String, Invoice> extract = GovernedStep.<String, Invoice>builder("extract",
                            ArtifactType.of(Invoice.class))
                    .composer(Fixtures.invoiceComposer()).verifier(JsonSchemaVerifier.create())
                    .generator(ScriptedGenerator.builder().when(r -> true,
                            answer("{\"number\":\"INV-1\",\"total\":10}")).build())
                    .build();
            Pipeline<List<String>, List<Invoice>> pipeline = Pipeline.builder("fan", Steps.fanOut("all", extract, 1),
                    ArtifactType.listOf(Invoice.class)).ledger(ledger).build();
            Outcome<List<Invoice>> o = async ? pipeline.runAsync("run-1", List.of("a", "b")).get(30, TimeUnit.SECONDS)
                    : pipeline.run("run-1", List.of("a", "b"));
            assertThat(o).isInstanceOfSatisfying(Outcome.Accepted.class, a -> assertThat((List<?>) a.value()).hasSize(2));
            records.add(ledger.read(0, ledger.size()).stream().map(ProvenanceRecord::entry)
                    .map(e -> e.step() + " " + e.decision() + " " + e.artifactDigest().orElse("-")).toList().toString());
        }
        assertThat(records.get(1)).isEqualTo(records.get(0)).contains("all[0] ACCEPTED", "all[1] ACCEPTED");
    }
}
