package dev.arbiter.workflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.DecisionContext;
import dev.arbiter.authority.permission.GatewayResult;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.NumericLimit;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.CitationVerifier;
import dev.arbiter.authority.verify.GroundingVerifier;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.RuleVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Trust;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.steering.constraint.Budget;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad model output: invalid Unicode, megabyte strings, 10,000-level nesting, huge arrays, duplicate keys,
 * out-of-range numbers, non-JSON tool arguments, unknown tools, thousands of tool calls in one response, and random
 * mutations. Every verification ends in a verdict within bounded time and memory, a verifier never throws on output
 * (no {@code VERIFIER_ERROR}), nothing that does not bind faithfully is accepted, and no tool call with bad arguments
 * runs.
 */
class BadModelOutputTest {

    /** Per verification, on the 2-core build machine: far above what was measured, far below a hang. */
    static final long MAX_MILLIS = 5_000;
    static final long MAX_ALLOCATED_BYTES = 512L << 20;

    static final Evidence EVIDENCE = Evidence.of(Source.of("invoice", "Invoice INV-1 from Borealis. The total is 12.",
            Trust.TRUSTED));
    static final GenerationRequest REQUEST = GenerationRequest.builder().addMessage(Message.user("Extract."))
            .responseSchema(Fixtures.INVOICE_SCHEMA).build();

    @TempDir
    Path dir;

    static List<Verifier> verifiers() {
        return List.of(JsonSchemaVerifier.create(), CitationVerifier.create(), GroundingVerifier.create(),
                RuleVerifier.forbiddenTerms("password"), RuleVerifier.mustMatch("INV-[0-9]+"),
                RuleVerifier.language("en"), RuleVerifier.length(dev.arbiter.core.RuleCheck.Length.Unit.WORDS, 1, 50));
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Worst time and allocation per verifier. */
    static final class Worst {
        final Map<String, long[]> byVerifier = new TreeMap<>();
        int verifications;

        Verdict verify(Verifier v, String text) {
            Candidate c = Candidate.of(Generation.ofText(text), REQUEST, EVIDENCE);
            long a0 = allocated();
            long t0 = System.nanoTime();
            long cpu0 = Reliability.cpuNanos();
            Verdict verdict = Verifiers.guarded(v).verify(c);
            long cpuMillis = (Reliability.cpuNanos() - cpu0) / 1_000_000;
            long millis = (System.nanoTime() - t0) / 1_000_000;
            long bytes = allocated() - a0;
            long[] w = byVerifier.computeIfAbsent(v.id(), k -> new long[2]);
            w[0] = Math.max(w[0], millis);
            w[1] = Math.max(w[1], bytes);
            verifications++;
            assertThat(verdict).as("%s on %s", v.id(), shortName(text)).isNotNull();
            assertThat(cpuMillis).as("%s on %s: CPU milliseconds", v.id(), shortName(text)).isLessThan(MAX_MILLIS);
            assertThat(bytes).as("%s on %s: bytes allocated", v.id(), shortName(text)).isLessThan(MAX_ALLOCATED_BYTES);
            if (verdict instanceof Verdict.Fail f) {
                assertThat(f.findings()).as("%s on %s: a verifier that throws is a defect", v.id(), shortName(text))
                        .noneMatch(x -> x.mode() == FailureMode.VERIFIER_ERROR);
            }
            return verdict;
        }

        String summary() {
            StringBuilder b = new StringBuilder(verifications + " verifications; worst per verifier (ms, MB allocated):");
            byVerifier.forEach((id, w) -> b.append(" ").append(id).append(" ").append(w[0]).append(" ms ")
                    .append(w[1] >> 20).append(" MB;"));
            return b.toString();
        }
    }

    static String shortName(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "… (" + text.length() + " chars)" : text;
    }

    @Test
    void everyVerifierGivesAVerdictInBoundedTimeAndMemoryOnEveryPathologicalOutput() {
        Worst worst = new Worst();
        for (BadOutputs.Bad bad : BadOutputs.named()) {
            for (Verifier v : verifiers()) {
                Verdict verdict = worst.verify(v, bad.text());
                if (v instanceof JsonSchemaVerifier && !SCHEMA_VALID.contains(bad.name())) {
                    assertThat(verdict).as("json-schema on %s", bad.name()).isInstanceOf(Verdict.Fail.class);
                }
            }
        }
        Reliability.figure("bad output, named cases", BadOutputs.named().size() + " outputs x " + verifiers().size()
                + " verifiers: " + worst.summary());
    }

    /** Outputs that are valid for the invoice schema and bind faithfully (a double rounds as Java rounds). */
    static final Set<String> ACCEPTABLE = Set.of("one-megabyte string value", "1e-400", "30-digit integer");

    /** Outputs valid for the invoice schema: the acceptable ones, and those refused only when bound. */
    static final Set<String> SCHEMA_VALID = Set.of("one-megabyte string value", "1e-400", "30-digit integer",
            "1e400", "-1e400", "exponent 1e999999999", "lone high surrogate", "lone low surrogate then high",
            "surrogate escape in JSON");

    @Test
    void throughAPipelineNothingThatDoesNotBindFaithfullyIsAcceptedAndNothingEscapes() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (BadOutputs.Bad bad : BadOutputs.named()) {
            ScriptedGenerator model = ScriptedGenerator.builder().when(r -> true, Fixtures.answer(bad.text())).build();
            ProvenanceLedger ledger = ProvenanceLedger.inMemory();
            Pipeline<String, Invoice> pipeline = Pipeline.builder("extract", invoiceStep(model),
                    ArtifactType.of(Invoice.class)).ledger(ledger).checkpoints(CheckpointStore.file(dir)).build();
            String runId = "bad-" + Integer.toHexString(bad.name().hashCode());
            long t0 = System.nanoTime();
            Outcome<Invoice> outcome = pipeline.run(runId, "Extract the invoice.");
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(millis).as(bad.name()).isLessThan(3 * MAX_MILLIS);
            if (ACCEPTABLE.contains(bad.name())) {
                assertThat(outcome.isAccepted()).as("%s: %s", bad.name(), outcome).isTrue();
                // what was accepted is what a resumed run loads from the checkpoint
                assertThat(pipeline.run(runId, "Extract the invoice.")).isEqualTo(outcome);
            } else {
                assertThat(outcome).as("%s: %s", bad.name(), outcome).isInstanceOf(Outcome.Rejected.class);
                assertThat(((Outcome.Rejected<Invoice>) outcome).findings()).as(bad.name()).isNotEmpty()
                        .allMatch(f -> f.mode() == FailureMode.SCHEMA_VIOLATION);
                assertThat(ledger.read(0, ledger.size())).as(bad.name()).hasSize(3)
                        .allMatch(r -> r.entry().decision() == Decision.REJECTED);
            }
            assertThat(ledger.verify().isValid()).isTrue();
            outcomes.merge(outcome.getClass().getSimpleName(), 1, Integer::sum);
        }
        Reliability.figure("bad output through a pipeline", BadOutputs.named().size() + " outputs: " + outcomes);
    }

    private static GovernedStep<String, Invoice> invoiceStep(ScriptedGenerator model) {
        return GovernedStep.<String, Invoice>builder("extract", ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(model).verifier(JsonSchemaVerifier.create()).build();
    }

    @Test
    void randomMutationsNeverCrashHangOrBindUnfaithfully() {
        int cases = Reliability.scale(400, 20_000);
        Random random = new Random(10_000);
        Worst worst = new Worst();
        List<Verifier> verifiers = verifiers();
        int accepted = 0;
        int bound = 0;
        for (int i = 0; i < cases; i++) {
            String text = BadOutputs.mutate(random);
            boolean schemaPassed = false;
            for (Verifier v : verifiers) {
                Verdict verdict = worst.verify(v, text);
                if (v instanceof JsonSchemaVerifier) {
                    schemaPassed = verdict instanceof Verdict.Pass;
                }
            }
            try {
                Invoice invoice = ArtifactType.of(Invoice.class).fromModelOutput(text);
                bound++;
                assertThat(Double.isFinite(invoice.total())).isTrue();
                assertThat(ArtifactType.of(Invoice.class).fromJson(ArtifactType.of(Invoice.class).toJson(invoice)))
                        .isEqualTo(invoice);
            } catch (IllegalArgumentException expected) {
                // a clear failure: does not bind
            }
            if (i % 20 == 0) {
                ScriptedGenerator model = ScriptedGenerator.builder().when(r -> true, Fixtures.answer(text)).build();
                Outcome<Invoice> o = Pipeline.builder("fuzz", invoiceStep(model), ArtifactType.of(Invoice.class))
                        .build().run("fuzz-" + i, "Extract.");
                if (o.isAccepted()) {
                    accepted++;
                    assertThat(schemaPassed).as("accepted only what the schema passed: %s", shortName(text)).isTrue();
                }
            }
        }
        Reliability.figure("bad output, random mutations", cases + " mutated outputs (seed 10000), "
                + bound + " bound, " + accepted + " accepted of " + (cases + 19) / 20 + " run through a pipeline; "
                + worst.summary());
    }

    // ---- tool calls ----------------------------------------------------------------------------------------

    static final ToolDescriptor SEND = ToolDescriptor.of(ToolSpec.of("send_money", "Sends money.", """
            {"type":"object","required":["recipient","amount"],"additionalProperties":false,
             "properties":{"recipient":{"type":"string"},"amount":{"type":"number"}}}"""),
            SideEffect.IRREVERSIBLE).withSensitive("recipient");

    private ToolGateway gateway(ProvenanceLedger ledger, AtomicInteger executed) {
        PermissionEnvelope envelope = PermissionEnvelope.builder(PolicyRef.of("payments", "1"))
                .grant(SEND, Grant.builder().limit("amount", NumericLimit.between(0, 10_000)).build()).build();
        return ToolGateway.builder(envelope, ledger, ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1)))
                .tool(Tool.of(SEND, args -> {
                    executed.incrementAndGet();
                    return "sent";
                })).build();
    }

    static List<ToolCall> badCalls() {
        String ok = "\"recipient\":\"CH93 0076 2011 6238 5295 7\"";
        List<ToolCall> calls = new ArrayList<>();
        List<String> args = List.of("not json", "", "[1,2]", "\"text\"", "{" + ok + ",\"amount\":5",
                "{" + ok + ",\"amount\":5,\"amount\":50000}", "{" + ok + ",\"amount\":1e400}",
                "{" + ok + ",\"amount\":1e999999999}", "{" + ok + ",\"amount\":12999e2147483648}", "{" + ok + ",\"amount\":-1e400}", "{" + ok + ",\"amount\":NaN}",
                "{" + ok + ",\"amount\":\"5\"}", "{" + ok + ",\"amount\":5,\"x\":"
                        + BadOutputs.nested("[", "]", 10_000, "1") + "}",
                BadOutputs.nested("{\"a\":", "}", 10_000, "1"), "{" + ok + ",\"amount\":1" + "0".repeat(100_000) + "}",
                "{\"recipient\":\"" + "x".repeat(1_000_000) + "\",\"amount\":5}",
                "{\"recipient\":\"CH93\uD800\",\"amount\":5}", "{" + ok + ",\"amount\":5}\u0000");
        for (int i = 0; i < args.size(); i++) {
            calls.add(ToolCall.of("c" + i, "send_money", args.get(i)));
        }
        for (String name : List.of("send_money ", "SEND_MONEY", "send_money\u0000", "delete_everything", "",
                "x".repeat(100_000), "send_money\uD800", "arbiter.review")) {
            calls.add(ToolCall.of("u" + calls.size(), name, "{" + ok + ",\"amount\":5}"));
        }
        return calls;
    }

    @Test
    void noToolCallWithBadArgumentsOrAnUnknownNameRunsAndEachRefusalIsRecorded() {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        AtomicInteger executed = new AtomicInteger();
        ToolGateway gateway = gateway(ledger, executed);
        Evidence trusted = Evidence.of(Source.of("user", "Pay CH93 0076 2011 6238 5295 7.", Trust.TRUSTED));
        Map<String, Integer> rules = new TreeMap<>();
        List<ToolCall> calls = badCalls();
        for (ToolCall call : calls) {
            long t0 = Reliability.cpuNanos();
            GatewayResult r = gateway.handle(call, DecisionContext.of("run-bad-calls", trusted));
            assertThat((Reliability.cpuNanos() - t0) / 1_000_000).as("%s: CPU milliseconds", shortName(call.arguments()))
                    .isLessThan(MAX_MILLIS);
            assertThat(r).as("%s %s", shortName(call.name()), shortName(call.arguments()))
                    .isInstanceOf(GatewayResult.Refused.class);
            rules.merge(((GatewayResult.Refused) r).decision().rule(), 1, Integer::sum);
        }
        assertThat(executed.get()).isZero();
        assertThat(ledger.size()).isEqualTo(calls.size());
        assertThat(ledger.read(0, ledger.size())).allMatch(r -> r.entry().decision() == Decision.REJECTED);
        Reliability.figure("bad tool calls", calls.size() + " calls, 0 executed, " + ledger.size()
                + " refusals recorded, by rule " + rules);
    }

    @Test
    void thousandsOfToolCallsInOneResponseAreEachDecidedAndRecordedInBoundedTime() {
        int n = Reliability.scale(2_000, 10_000);
        ToolCall[] calls = new ToolCall[n];
        for (int i = 0; i < n; i++) {
            calls[i] = i % 2 == 0
                    ? ToolCall.of("c" + i, "send_money", "{\"recipient\":\"GB29NWBK60161331926819\",\"amount\":" + i + "}")
                    : ToolCall.of("c" + i, "tool_" + i, "{}");
        }
        ScriptedGenerator model = ScriptedGenerator.of(Generation.ofToolCalls(calls).toBuilder().modelId("m").build(),
                Fixtures.answer("{\"number\":\"INV-1\",\"total\":12}"));
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        AtomicInteger executed = new AtomicInteger();
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer()).generator(model)
                .verifier(JsonSchemaVerifier.create()).tools(gateway(ledger, executed), 3).build();
        long t0 = System.nanoTime();
        Outcome<Invoice> outcome = Pipeline.builder("many", step, ArtifactType.of(Invoice.class)).ledger(ledger).build()
                .run("Extract.");
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(outcome.isAccepted()).as("%s", outcome).isTrue();
        assertThat(executed.get()).isZero();
        assertThat(ledger.size()).isEqualTo(n + 1); // one refusal per call, then the accepted answer
        assertThat(millis).isLessThan(Reliability.scale(60_000, 300_000));

        ProvenanceLedger capped = ProvenanceLedger.inMemory();
        ScriptedGenerator again = ScriptedGenerator.of(Generation.ofToolCalls(calls).toBuilder().modelId("m").build());
        GovernedStep<String, Invoice> cappedStep = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer()).generator(again)
                .verifier(JsonSchemaVerifier.create()).tools(gateway(capped, executed), 3).build();
        Outcome<Invoice> limited = Pipeline.builder("capped", cappedStep, ArtifactType.of(Invoice.class)).ledger(capped)
                .budget(Budget.builder().toolCalls(100).build()).build().run("Extract.");
        assertThat(limited).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().mode()).isEqualTo(FailureMode.BUDGET_EXCEEDED));
        assertThat(capped.size()).isEqualTo(101); // 100 refusals, then the run's failure
        assertThat(executed.get()).isZero();
        Reliability.figure("thousands of tool calls in one response", n + " calls (half to an unknown tool, half "
                + "to send_money with a recipient seen nowhere): 0 executed, " + n + " refusals recorded, " + millis
                + " ms for the run; with a tool-call budget of 100: BUDGET_EXCEEDED after 100");
    }
}
