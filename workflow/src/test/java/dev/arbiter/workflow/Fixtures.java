package dev.arbiter.workflow;

import dev.arbiter.core.Generation;
import dev.arbiter.core.Generator;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.Usage;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.steering.intent.Rule;
import dev.arbiter.workflow.trace.TraceEvent;
import dev.arbiter.workflow.trace.TraceListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** Shared test values: a contract, schemas, a recording sleeper and a recording listener. */
public final class Fixtures {

    private Fixtures() {}

    /** The artifact of the invoice steps. */
    public record Invoice(String number, double total) {}

    public static final IntentContract CONTRACT = IntentContract.builder("invoice-extract", "1")
            .purpose("Extract the invoice number and total from an invoice for the accounts team.")
            .audience("The accounts payable team.")
            .task("Read the invoice and return its number and total as JSON.")
            .rule(Rule.of("Use only the invoice text."))
            .successCriterion("The number and total match the invoice exactly.")
            .build();

    public static final ResponseSchema INVOICE_SCHEMA = ResponseSchema.of("invoice", """
            {"type":"object","required":["number","total"],"additionalProperties":false,
             "properties":{"number":{"type":"string"},"total":{"type":"number"}}}""");

    public static RequestComposer composer(OutputSpec spec) {
        return RequestComposer.builder(CONTRACT, spec).build();
    }

    public static RequestComposer invoiceComposer() {
        return composer(OutputSpec.builder().schema(INVOICE_SCHEMA).build());
    }

    public static Generation answer(String text) {
        return Generation.builder().text(text).modelId("gpt-4o-mini").usage(Usage.of(100, 20)).build();
    }

    public static String lastUserText(GenerationRequest request) {
        Message last = request.messages().get(request.messages().size() - 1);
        return ((Message.User) last).text();
    }

    /** A sleeper that records waits instead of waiting. */
    public static final class RecordingSleeper implements Sleeper {
        public final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    /** A listener that records every event. */
    public static final class Recorder implements TraceListener {
        public final List<TraceEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void on(TraceEvent event) {
            events.add(event);
        }

        public <T extends TraceEvent> List<T> of(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (TraceEvent e : events) {
                if (type.isInstance(e)) {
                    out.add(type.cast(e));
                }
            }
            return out;
        }
    }

    /**
     * A generator that answers from {@code script}: {@code generate} on the caller's thread, {@code generateAsync} on
     * {@code provider}'s, as a provider's client does.
     */
    public static Generator answeringOn(ScriptedGenerator script, Executor provider) {
        return new Generator() {
            @Override
            public Generation generate(GenerationRequest request) {
                return script.generate(request);
            }

            @Override
            public CompletableFuture<Generation> generateAsync(GenerationRequest request) {
                return CompletableFuture.supplyAsync(() -> script.generate(request), provider);
            }
        };
    }

    /**
     * A checkpoint store that answers its synchronous calls from {@code inner} on the caller's thread and its
     * asynchronous calls on {@code io}'s, as a store on disk or in a database would.
     */
    public static class OffloadedStore implements CheckpointStore {
        private final CheckpointStore inner;
        private final Executor io;

        public OffloadedStore(CheckpointStore inner, Executor io) {
            this.inner = inner;
            this.io = io;
        }

        /** The store behind this one, to look at what was saved without going through it. */
        public CheckpointStore inner() {
            return inner;
        }

        @Override
        public Optional<Checkpoint> load(String runId, String key) {
            return inner.load(runId, key);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            inner.save(checkpoint);
        }

        @Override
        public CompletableFuture<Optional<Checkpoint>> loadAsync(String runId, String key) {
            return CompletableFuture.supplyAsync(() -> inner.load(runId, key), io);
        }

        @Override
        public CompletableFuture<Void> saveAsync(Checkpoint checkpoint) {
            return CompletableFuture.runAsync(() -> inner.save(checkpoint), io);
        }
    }
}
