package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Usage;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.steering.constraint.Budget;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Step;
import dev.arbiter.workflow.Steps;
import dev.arbiter.workflow.trace.FailureReport;
import dev.arbiter.workflow.trace.TraceEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run-level behaviour: budgets across steps, checkpoints and resume, listeners, fan-out, the failure report. */
class RunLevelTest {

    private static GovernedStep<String, Invoice> extract(String id, ScriptedGenerator generator) {
        return GovernedStep.<String, Invoice>builder(id, ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer())
                .generator(generator)
                .verifier(JsonSchemaVerifier.create())
                .build();
    }

    private static Generation costly(String text) {
        return Generation.builder().text(text).modelId("gpt-4o").usage(Usage.of(50, 80)).build();
    }

    @Test
    void anOutputTokenBudgetStopsTheRunWithTheUsageSoFarAndShipsNothing() {
        ScriptedGenerator generator = ScriptedGenerator.of(costly("{\"number\":1,\"total\":1}"),
                costly("{\"number\":\"A-1\",\"total\":1}"));
        Pipeline<String, Invoice> pipeline = Pipeline.builder("budget", extract("extract", generator),
                        ArtifactType.of(Invoice.class))
                .budget(Budget.builder().outputTokens(100).build()).build();

        Outcome<Invoice> outcome = pipeline.run("x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.failure().mode()).isEqualTo(FailureMode.BUDGET_EXCEEDED);
            assertThat(f.failure().message()).contains("160 output tokens").contains("100");
            assertThat(f.failure().spend().usage()).isEqualTo(Usage.of(100, 160));
        });
    }

    @Test
    void theAttemptBudgetCountsAcrossStepsNotPerCall() {
        ScriptedGenerator first = ScriptedGenerator.of(answer("{\"number\":1,\"total\":1}"),
                answer("{\"number\":\"A-1\",\"total\":1}"));
        ScriptedGenerator second = ScriptedGenerator.of(answer("{\"number\":1,\"total\":1}"),
                answer("{\"number\":\"A-1\",\"total\":1}"));
        Pipeline<String, Invoice> pipeline = Pipeline.builder("budget", extract("one", first),
                        ArtifactType.of(Invoice.class))
                .then(Steps.of("to-text", Invoice::number), ArtifactType.text())
                .then(extract("two", second), ArtifactType.of(Invoice.class))
                .budget(Budget.builder().attempts(3).build()).build();

        Outcome<Invoice> outcome = pipeline.run("x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.failure().mode()).isEqualTo(FailureMode.BUDGET_EXCEEDED);
            assertThat(f.failure().step()).isEqualTo("two");
            assertThat(f.failure().spend().attempts()).isEqualTo(3);
        });
        assertThat(second.callCount()).isEqualTo(1);
    }

    @Test
    void aCostBudgetUsesThePriceTable() {
        ScriptedGenerator generator = ScriptedGenerator.of(costly("{\"number\":1,\"total\":1}"),
                costly("{\"number\":\"A-1\",\"total\":1}"));
        Pipeline<String, Invoice> pipeline = Pipeline.builder("cost", extract("extract", generator),
                        ArtifactType.of(Invoice.class))
                .budget(Budget.builder().cost(new BigDecimal("0.001")).build()).build();

        Outcome<Invoice> outcome = pipeline.run("x");

        // gpt-4o: 50 * 2.50/M + 80 * 10.00/M = 0.000925 per call; the second call crosses 0.001
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.failure().mode()).isEqualTo(FailureMode.BUDGET_EXCEEDED);
            assertThat(f.failure().spend().cost()).isEqualByComparingTo("0.00185");
        });
    }

    @Test
    void aCrashMidPipelineResumesFromCheckpointsWithoutRepeatingAGeneration(@TempDir Path dir) {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":12.5}"));
        AtomicBoolean crash = new AtomicBoolean(true);
        Step<Invoice, String> book = Steps.of("book", invoice -> {
            if (crash.get()) {
                throw new IllegalStateException("the accounting system is down");
            }
            return "booked " + invoice.number() + " " + invoice.total();
        });
        CheckpointStore store = CheckpointStore.file(dir);
        Pipeline<String, String> pipeline = Pipeline.builder("book", extract("extract", generator),
                        ArtifactType.of(Invoice.class))
                .then(book, ArtifactType.text()).checkpoints(store).build();

        Outcome<String> crashed = pipeline.run("run-7", "x");
        crash.set(false);
        Fixtures.Recorder recorder = new Fixtures.Recorder();
        Pipeline<String, String> restarted = Pipeline.builder("book", extract("extract", generator),
                        ArtifactType.of(Invoice.class))
                .then(book, ArtifactType.text()).checkpoints(CheckpointStore.file(dir)).listener(recorder).build();
        Outcome<String> resumed = restarted.run("run-7", "x");

        assertThat(crashed).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().message()).contains("the accounting system is down"));
        assertThat(resumed).isEqualTo(Outcome.accepted("booked A-1 12.5", "run-7"));
        assertThat(generator.callCount()).isEqualTo(1);
        assertThat(recorder.of(TraceEvent.StepEnded.class)).extracting(TraceEvent.StepEnded::resumed)
                .containsExactly(true, false);
    }

    @Test
    void aListenerThatThrowsIsIgnored() {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":1}"));
        Fixtures.Recorder recorder = new Fixtures.Recorder();
        Pipeline<String, Invoice> pipeline = Pipeline.builder("p", extract("extract", generator),
                        ArtifactType.of(Invoice.class))
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(recorder).build();

        assertThat(pipeline.run("x")).isInstanceOf(Outcome.Accepted.class);
        assertThat(recorder.events).isNotEmpty();
    }

    @Test
    void everyRunStepAttemptGenerationAndVerificationEmitsAStartEndPair() {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":1}"));
        Fixtures.Recorder recorder = new Fixtures.Recorder();
        Pipeline.builder("p", extract("extract", generator), ArtifactType.of(Invoice.class)).listener(recorder)
                .build().run("x");

        assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "RunStarted", "StepStarted", "AttemptStarted", "GenerationStarted", "GenerationEnded",
                "VerificationStarted", "VerificationEnded", "AttemptEnded", "StepEnded", "RunEnded");
        TraceEvent.RunStarted run = recorder.of(TraceEvent.RunStarted.class).get(0);
        TraceEvent.StepStarted step = recorder.of(TraceEvent.StepStarted.class).get(0);
        TraceEvent.AttemptStarted attempt = recorder.of(TraceEvent.AttemptStarted.class).get(0);
        assertThat(step.scope().parentSpanId()).isEqualTo(run.scope().spanId());
        assertThat(attempt.scope().parentSpanId()).isEqualTo(step.scope().spanId());
        assertThat(recorder.of(TraceEvent.GenerationStarted.class).get(0).scope().parentSpanId())
                .isEqualTo(attempt.scope().spanId());
    }

    @Test
    void fanOutRunsEachElementWithinTheBoundAndKeepsInputOrder() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Step<String, String> slow = Steps.of("upper", s -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return s.toUpperCase();
        });
        Pipeline<List<String>, List<String>> pipeline = Pipeline.builder("fan", Steps.fanOut("all", slow, 2),
                ArtifactType.listOf(String.class)).build();

        Outcome<List<String>> outcome = pipeline.run(List.of("a", "b", "c", "d", "e"));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo(List.of("A", "B", "C", "D", "E")));
        assertThat(peak.get()).isBetween(1, 2);
    }

    @Test
    void theFailureReportCountsRemediesAndWhetherTheyWorked() {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":1,\"total\":1}"),
                answer("{\"number\":\"A-1\",\"total\":1}"));
        FailureReport report = new FailureReport();
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        Outcome<Invoice> outcome = Pipeline.builder("p", extract("extract", generator), ArtifactType.of(Invoice.class))
                .listener(report).ledger(ledger).build().run("run-r", "x");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(report.rows("run-r")).containsExactly(
                new FailureReport.Row(FailureMode.SCHEMA_VIOLATION, "REPAIR", 1, 1));
        assertThat(report.render()).contains("AUTHORITY").contains("SCHEMA_VIOLATION");
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().decision())
                .containsExactly(Decision.REJECTED, Decision.ACCEPTED);
    }
}
