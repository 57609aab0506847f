package dev.arbiter.benchmarks;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.benchmarks.BenchFixtures.Invoice;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Message;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.workflow.GovernedStep;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The tool each run calls between its two generations, if any: {@code none}; {@code instant}, answering at once
 * (what remains is its provenance record); {@code blocking}, sleeping {@code delayMs} on the thread that calls it
 * (a tool written against a blocking client; {@code ToolGateway.handleAsync} runs it on the gateway's pool of
 * threads, or on virtual threads with {@code -Dscale.virtualToolThreads=true} on Java 21 or later); {@code async}, answering after {@code delayMs} from the timer's
 * threads ({@link Tool#ofAsync}, a tool written against an asynchronous client).
 */
record ScaleTools(String kind, int delayMs, ScheduledExecutorService timer) {
    static final ToolDescriptor READ_INBOX = ToolDescriptor.of(ToolSpec.of("read_inbox", "Reads the inbox.",
            "{\"type\":\"object\",\"properties\":{}}"), SideEffect.READ);
    static final String INBOX = "Invoice INV-2024-0042 from ACME GmbH, total EUR 1234.50.";

    static final ScaleTools NONE = new ScaleTools("none", 0, null);

    boolean any() {
        return !kind.equals("none");
    }

    /** How long a run waits at best: its generations, and the tool's answer. */
    double idealSeconds(int generationDelayMs) {
        if (!any()) {
            return generationDelayMs / 1000.0;
        }
        return (2.0 * generationDelayMs + (kind.equals("instant") ? 0 : delayMs)) / 1000.0;
    }

    /** The tool's answer after its delay, holding no thread. */
    CompletableFuture<String> later() {
        CompletableFuture<String> f = new CompletableFuture<>();
        timer.schedule(() -> f.complete(INBOX), delayMs, TimeUnit.MILLISECONDS);
        return f;
    }

    Tool tool() {
        if (kind.equals("async")) {
            return Tool.ofAsync(READ_INBOX, args -> later());
        }
        if (kind.equals("blocking")) {
            return Tool.of(READ_INBOX, args -> {
                Thread.sleep(delayMs);
                return INBOX;
            });
        }
        return Tool.of(READ_INBOX, args -> INBOX);
    }

    GovernedStep<String, Invoice> step(Generator generator, ProvenanceLedger ledger) {
        if (!any()) {
            return BenchFixtures.invoiceStep(generator);
        }
        PermissionEnvelope envelope = PermissionEnvelope.builder(PolicyRef.of("inbox-only", "1"))
                .grant(READ_INBOX, Grant.unrestricted()).build();
        ToolGateway.Builder gateway = ToolGateway.builder(envelope, ledger,
                ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1))).tool(tool());
        if (Boolean.getBoolean("scale.virtualToolThreads")) { // Java 21+: blocking tools on virtual threads
            gateway.blockingTools(ScaleScenario.virtualThreadPerTask());
        }
        return BenchFixtures.invoiceStepBuilder(generator).tools(gateway.build(), 2).build();
    }

    /**
     * The floor: the same waits with no Arbiter around them; the generator, then (with a tool) the tool's wait
     * and the generator again. Its waits hold no thread with {@code async}, and sleep on the run's own without.
     */
    ScaleScenario.FloorCall floor(Generator stub, boolean async) {
        GenerationRequest plain = GenerationRequest.builder().addMessage(Message.user("Extract the invoice.")).build();
        if (async) {
            return i -> !any() ? stub.generateAsync(plain) : stub.generateAsync(plain)
                    .thenCompose(g -> kind.equals("instant") ? CompletableFuture.completedFuture(INBOX) : later())
                    .thenCompose(out -> stub.generateAsync(plain));
        }
        return i -> {
            Generation g = stub.generate(plain);
            if (any()) {
                Thread.sleep(kind.equals("instant") ? 0 : delayMs);
                g = stub.generate(plain);
            }
            return g;
        };
    }
}
