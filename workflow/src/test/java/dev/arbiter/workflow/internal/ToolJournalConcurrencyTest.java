package dev.arbiter.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Trust;
import dev.arbiter.steering.constraint.Budget;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.PriceTable;
import dev.arbiter.workflow.RunBudget;
import dev.arbiter.workflow.Sleeper;
import dev.arbiter.workflow.StepContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writers of one run's tool journal at once (fan-out elements calling tools): each entry is kept once, under a key of
 * its own, whether the journal saves synchronously or with the store's asynchronous calls.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToolJournalConcurrencyTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(8);
    private final ExecutorService storeIo = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        writers.shutdownNow();
        storeIo.shutdownNow();
    }

    private static StepContext context(String stepId, CheckpointStore store) {
        return StepContext.of("run-1", stepId, "span", RunBudget.start(Budget.unlimited(), PriceTable.defaults(),
                Clock.systemUTC()), ProvenanceLedger.inMemory(), event -> { }, Sleeper.SYSTEM, Clock.systemUTC(),
                new Random(1), store, null);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyEntryOfWritersAtOnceIsKeptOnceUnderAKeyOfItsOwn(boolean async) throws Exception {
        CheckpointStore inner = CheckpointStore.inMemory();
        // asynchronous calls answer from threads of the store's own, in no particular order
        CheckpointStore store = new Fixtures.OffloadedStore(inner, storeIo);
        int elements = 8;
        int callsEach = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int e = 0; e < elements; e++) {
            String stepId = "fan[" + e + "]";
            done.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                    ToolJournal journal = ToolJournal.load(context(stepId, store), async).get(30, TimeUnit.SECONDS);
                    for (int c = 0; c < callsEach; c++) {
                        ToolCall call = ToolCall.of(stepId + "-" + c, "read", "{\"n\":" + c + "}");
                        journal.executed(call, "output " + stepId + " " + c, Source.of("tool:read", "read",
                                "output " + c, Trust.UNTRUSTED)).get(30, TimeUnit.SECONDS);
                    }
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }, writers));
        }
        start.countDown();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        Set<String> outputs = new HashSet<>();
        int n = 0;
        for (; inner.load("run-1", "tool-executed:" + n).isPresent(); n++) {
            String json = inner.load("run-1", "tool-executed:" + n).orElseThrow().artifactJson();
            String output = json.substring(json.indexOf("\"output\":\"") + 10, json.indexOf("\"", json.indexOf(
                    "\"output\":\"") + 10));
            assertThat(outputs.add(output)).as("entry %s kept once", output).isTrue();
        }
        assertThat(n).isEqualTo(elements * callsEach);
        ToolJournal reread = ToolJournal.load(context("fan[0]", store), async).get(30, TimeUnit.SECONDS);
        assertThat(reread.executedCalls()).hasSize(elements * callsEach);
    }

    @Test
    void aCallExecutedByOneWriterIsReplayedToItsStepOnly() throws Exception {
        CheckpointStore store = new Fixtures.OffloadedStore(CheckpointStore.inMemory(), storeIo);
        ToolCall call = ToolCall.of("c1", "read", "{}");
        Source source = Source.of("tool:read", "read", "inbox", Trust.UNTRUSTED);
        ToolJournal first = ToolJournal.load(context("a", store), true).get(30, TimeUnit.SECONDS);
        first.executed(call, "inbox", source).get(30, TimeUnit.SECONDS);

        assertThat(ToolJournal.load(context("a", store), true).get(30, TimeUnit.SECONDS).replay(call))
                .hasValueSatisfying(e -> assertThat(e.output()).isEqualTo("inbox"));
        assertThat(ToolJournal.load(context("b", store), true).get(30, TimeUnit.SECONDS).replay(call)).isEmpty();
    }
}
