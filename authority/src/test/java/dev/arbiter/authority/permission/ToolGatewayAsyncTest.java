package dev.arbiter.authority.permission;

import static dev.arbiter.authority.permission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerifyOptions;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ToolCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link ToolGateway#handleAsync}: the same decisions and records as {@link ToolGateway#handle}, no thread held. */
class ToolGatewayAsyncTest {

    private static final ToolCall BALANCE_CALL = ToolCall.of("c1", "get_balance", "{}");
    private static final ToolCall PAY = ToolCall.of("c2", "send_money",
            "{\"recipient\":\"US133000000121212121212\",\"amount\":5}");

    private final List<String> sent = new CopyOnWriteArrayList<>();

    private ToolGateway gateway(ProvenanceLedger ledger, ApprovalQueue approvals, Tool balance) {
        return gateway(ledger, approvals, balance, null);
    }

    /** With {@code blockingTools} null: the gateway's default pool for tools that block. */
    private ToolGateway gateway(ProvenanceLedger ledger, ApprovalQueue approvals, Tool balance,
            java.util.concurrent.Executor blockingTools) {
        PermissionEnvelope envelope = PermissionEnvelope.builder(POLICY)
                .grant(SEND, Grant.builder().untrustedValues(Refusal.APPROVE).build())
                .grant(ToolDescriptor.of(BALANCE, SideEffect.READ), Grant.unrestricted())
                .grant(ToolDescriptor.of(DELETE, SideEffect.IRREVERSIBLE), Grant.unrestricted())
                .build();
        ToolGateway.Builder b = ToolGateway.builder(envelope, ledger, approvals)
                .tool(Tool.ofAsync(SEND, args -> {
                    sent.add(args.get("recipient").asText());
                    return CompletableFuture.completedFuture("sent");
                }))
                .tool(balance);
        if (blockingTools != null) {
            b.blockingTools(blockingTools);
        }
        return b.build();
    }

    private static Tool balance(Tool.Executor executor) {
        return Tool.of(ToolDescriptor.of(BALANCE, SideEffect.READ), executor);
    }

    private static Tool balanceAsync(Tool.AsyncExecutor executor) {
        return Tool.ofAsync(ToolDescriptor.of(BALANCE, SideEffect.READ), executor);
    }

    private static ApprovalQueue approvals() {
        return ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofMinutes(5));
    }

    /** The ledger's entries as text, each approval's id (drawn at random per queue) left out. */
    private static List<String> described(ProvenanceLedger ledger) {
        return ledger.read(0, ledger.size()).stream().map(ProvenanceRecord::entry)
                .map(e -> e.step() + " " + e.decision() + " " + e.approver().orElse("-") + " " + e.artifactDigest()
                        .orElse("-") + " " + e.note().orElse("") + " " + e.permissions())
                .map(text -> text.replaceAll("approval [^ :;]+", "approval #"))
                .toList();
    }

    /** Every kind of outcome, in one order: allowed, denied, escalated, approved, throwing, misdeclared. */
    private List<GatewayResult> everyOutcome(ToolGateway g, ApprovalQueue approvals,
            Function<ToolCall, GatewayResult> handle) {
        List<GatewayResult> results = new ArrayList<>();
        results.add(handle.apply(BALANCE_CALL));
        results.add(handle.apply(ToolCall.of("c3", "wire_all", "{}")));
        GatewayResult waiting = handle.apply(PAY);
        results.add(waiting);
        approvals.approve(((GatewayResult.AwaitingApproval) waiting).approval().id(), "emma", "my landlord");
        results.add(handle.apply(PAY));
        results.add(handle.apply(ToolCall.of("c4", "get_balance", "{\"x\":1}")));
        results.add(handle.apply(ToolCall.of("c5", "delete_account", "{\"user\":\"u\"}")));
        return results;
    }

    @Test
    void everyOutcomeIsDecidedAndRecordedAsTheSynchronousCallDoesIt() {
        DecisionContext ctx = context("pay the bill", "bill: US133000000121212121212");
        Tool.Executor balance = args -> {
            if (args.has("x")) {
                throw new IllegalStateException("bank offline");
            }
            return "1810.0";
        };
        ProvenanceLedger syncLedger = ProvenanceLedger.inMemory();
        ApprovalQueue syncApprovals = approvals();
        ToolGateway sync = gateway(syncLedger, syncApprovals, balance(balance));
        List<GatewayResult> expected = everyOutcome(sync, syncApprovals, call -> sync.handle(call, ctx));

        ProvenanceLedger asyncLedger = ProvenanceLedger.inMemory();
        ApprovalQueue asyncApprovals = approvals();
        ToolGateway async = gateway(asyncLedger, asyncApprovals, balanceAsync(args -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            new Thread(() -> {
                try {
                    f.complete(balance.execute(args));
                } catch (Exception e) {
                    f.completeExceptionally(e);
                }
            }).start();
            return f;
        }));
        List<GatewayResult> actual = everyOutcome(async, asyncApprovals,
                call -> async.handleAsync(call, ctx).orTimeout(30, TimeUnit.SECONDS).join());

        assertThat(actual).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("Executed", "Refused", "AwaitingApproval", "Executed", "Failed", "Failed");
        assertThat(actual).extracting(r -> r.getClass()).isEqualTo(expected.stream().map(r -> r.getClass()).toList());
        assertThat(described(asyncLedger)).isEqualTo(described(syncLedger));
        assertThat(((GatewayResult.Failed) actual.get(4)).failure().getCause())
                .isInstanceOf(IllegalStateException.class).hasMessage("bank offline");
        assertThat(((GatewayResult.Failed) actual.get(5)).failure().failureMode())
                .isEqualTo(FailureMode.TOOL_MISDECLARED);
        assertThat(sent).containsExactly("US133000000121212121212", "US133000000121212121212");
        assertThat(asyncLedger.verify(VerifyOptions.defaults()).isValid()).isTrue();
    }

    @Test
    void aToolInFlightHoldsNoThreadAndTheCallEndsOnTheThreadThatCompletesIt() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        CompletableFuture<String> answer = new CompletableFuture<>();
        ToolGateway g = gateway(ledger, approvals(), balanceAsync(args -> answer));
        AtomicReference<String> endedOn = new AtomicReference<>();
        CompletableFuture<GatewayResult> result = g.handleAsync(BALANCE_CALL, context("", ""))
                .whenComplete((r, e) -> endedOn.set(Thread.currentThread().getName()));

        assertThat(result).isNotDone();
        assertThat(ledger.size()).as("no record before the outcome is known").isZero();
        Thread completer = new Thread(() -> answer.complete("1810.0"), "tool-answered");
        completer.start();
        completer.join();

        assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(GatewayResult.Executed.class,
                e -> assertThat(e.output()).isEqualTo("1810.0"));
        assertThat(endedOn.get()).isEqualTo("tool-answered");
        assertThat(ledger.read(0, 1).get(0).entry().decision()).isEqualTo(Decision.TOOL_EXECUTED);
    }

    @Test
    void aToolThatFailsInAnyWayIsATaggedToolFailureWithItsCause() {
        IllegalStateException boom = new IllegalStateException("bank offline");
        List<Tool.AsyncExecutor> failing = List.of(
                args -> CompletableFuture.failedFuture(boom),
                args -> CompletableFuture.supplyAsync(() -> {
                    throw boom; // wrapped in a CompletionException by the stage
                }),
                args -> {
                    throw boom; // thrown before any future
                },
                args -> CompletableFuture.completedFuture(null),
                args -> null);
        for (Tool.AsyncExecutor executor : failing) {
            ProvenanceLedger ledger = ProvenanceLedger.inMemory();
            GatewayResult r = gateway(ledger, approvals(), balanceAsync(executor))
                    .handleAsync(BALANCE_CALL, context("", "")).orTimeout(30, TimeUnit.SECONDS).join();
            assertThat(r).isInstanceOfSatisfying(GatewayResult.Failed.class, f -> {
                assertThat(f.failure().failureMode()).isEqualTo(FailureMode.TOOL_FAILED);
                assertThat(f.failure().getCause()).isInstanceOfAny(IllegalStateException.class,
                        NullPointerException.class);
                if (f.failure().getCause() instanceof IllegalStateException) {
                    assertThat(f.failure().getCause()).isSameAs(boom);
                }
            });
            assertThat(ledger.read(0, ledger.size())).singleElement()
                    .satisfies(rec -> assertThat(rec.entry().decision()).isEqualTo(Decision.FAILED));
        }
    }

    /** A ledger whose asynchronous appends are sealed at once and stored when the test says so, or never. */
    private static final class HeldLedger implements ProvenanceLedger {
        final ProvenanceLedger inner = ProvenanceLedger.inMemory();
        final List<CompletableFuture<ProvenanceRecord>> held = new CopyOnWriteArrayList<>();
        final List<ProvenanceRecord> sealed = new CopyOnWriteArrayList<>();

        @Override
        public ProvenanceRecord append(ProvenanceEntry entry) {
            throw new AssertionError("the asynchronous call appended synchronously");
        }

        @Override
        public CompletableFuture<ProvenanceRecord> appendAsync(ProvenanceEntry entry) {
            sealed.add(inner.append(entry));
            CompletableFuture<ProvenanceRecord> stored = new CompletableFuture<>();
            held.add(stored);
            return stored;
        }

        @Override public long size() { return inner.size(); }
        @Override public List<ProvenanceRecord> read(long from, long to) { return inner.read(from, to); }
        @Override public LedgerVerification verify(VerifyOptions options) { return inner.verify(options); }
        @Override public Explanation explain(String runIdOrArtifactDigest) { return inner.explain(runIdOrArtifactDigest); }
        @Override public void close() { inner.close(); }
    }

    @Test
    void theCallEndsOnlyOnceItsRecordIsStoredAndARecordThatCannotBeStoredFailsIt() {
        HeldLedger ledger = new HeldLedger();
        ToolGateway g = gateway(ledger, approvals(), balance(args -> "1810.0"), Runnable::run); // the tool at once

        CompletableFuture<GatewayResult> stored = g.handleAsync(BALANCE_CALL, context("", ""));
        assertThat(stored).as("executed and sealed, not yet stored").isNotDone();
        assertThat(ledger.sealed).hasSize(1);
        ledger.held.get(0).complete(ledger.sealed.get(0));
        assertThat(stored.join()).isInstanceOfSatisfying(GatewayResult.Executed.class,
                e -> assertThat(e.record()).isEqualTo(ledger.sealed.get(0)));

        UncheckedIOException disk = new UncheckedIOException(new IOException("disk full"));
        CompletableFuture<GatewayResult> lost = g.handleAsync(ToolCall.of("c9", "wire_all", "{}"), context("", ""));
        ledger.held.get(1).completeExceptionally(disk);
        assertThatThrownBy(lost::join).isInstanceOf(CompletionException.class).hasCause(disk);
    }

    @Test
    void aSynchronousCallOfAnAsynchronousToolWaitsForItAndReportsWhatItFailedWith() throws Exception {
        IllegalStateException boom = new IllegalStateException("bank offline");
        Tool failing = balanceAsync(args -> CompletableFuture.supplyAsync(() -> {
            throw boom;
        }));
        assertThatThrownBy(() -> failing.execute(JsonNodes.EMPTY)).isSameAs(boom);
        Tool slow = balanceAsync(args -> CompletableFuture.supplyAsync(() -> "1810.0",
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)));
        assertThat(slow.execute(JsonNodes.EMPTY)).isEqualTo("1810.0");

        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        GatewayResult r = gateway(ledger, approvals(), failing).handle(BALANCE_CALL, context("", ""));
        assertThat(r).isInstanceOfSatisfying(GatewayResult.Failed.class,
                f -> assertThat(f.failure().getCause()).isSameAs(boom));

        Tool never = balanceAsync(args -> new CompletableFuture<>());
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> never.execute(JsonNodes.EMPTY)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("the caller stays interrupted").isTrue();
    }

    @Test
    void aToolThatBlocksRunsOnTheGatewaysPoolAndHoldsNoCallingThread() throws Exception {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        ToolGateway g = gateway(ledger, approvals(), balance(args -> {
            ranOn.set(Thread.currentThread().getName());
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue(); // a remote call that takes its time
            return "1810.0";
        }));

        CompletableFuture<GatewayResult> r = g.handleAsync(BALANCE_CALL, context("", ""));
        assertThat(r).as("returned while the tool blocks").isNotDone();
        release.countDown();
        assertThat(r.get(30, TimeUnit.SECONDS)).isInstanceOf(GatewayResult.Executed.class);
        assertThat(ranOn.get()).startsWith("arbiter-tool-");
        assertThat(described(ledger)).hasSize(1).allMatch(d -> d.startsWith("tool:get_balance TOOL_EXECUTED"));

        GatewayResult failed = gateway(ProvenanceLedger.inMemory(), approvals(), balance(args -> {
            throw new IllegalStateException("bank offline");
        })).handleAsync(BALANCE_CALL, context("", "")).get(30, TimeUnit.SECONDS);
        assertThat(failed).isInstanceOfSatisfying(GatewayResult.Failed.class, f -> {
            assertThat(f.failure().failureMode()).isEqualTo(FailureMode.TOOL_FAILED);
            assertThat(f.failure().getCause()).hasMessage("bank offline");
        });
    }

    @Test
    void theBlockingToolsExecutorIsTheOneGivenAndRunnableRunKeepsTheToolOnTheCallingThread() throws Exception {
        String caller = Thread.currentThread().getName();
        AtomicReference<String> ranOn = new AtomicReference<>();
        Tool.Executor remember = args -> {
            ranOn.set(Thread.currentThread().getName());
            return "1810.0";
        };
        CompletableFuture<GatewayResult> inline = gateway(ProvenanceLedger.inMemory(), approvals(), balance(remember),
                Runnable::run).handleAsync(BALANCE_CALL, context("", ""));
        assertThat(inline).isDone();
        assertThat(inline.get()).isInstanceOf(GatewayResult.Executed.class);
        assertThat(ranOn.get()).isEqualTo(caller);

        java.util.concurrent.ExecutorService own = java.util.concurrent.Executors.newSingleThreadExecutor(
                task -> new Thread(task, "own-tool-thread"));
        try {
            assertThat(gateway(ProvenanceLedger.inMemory(), approvals(), balance(remember), own)
                    .handleAsync(BALANCE_CALL, context("", "")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(GatewayResult.Executed.class);
            assertThat(ranOn.get()).isEqualTo("own-tool-thread");
        } finally {
            own.shutdown();
        }

        java.util.concurrent.ExecutorService closed = java.util.concurrent.Executors.newSingleThreadExecutor();
        closed.shutdown();
        assertThat(gateway(ProvenanceLedger.inMemory(), approvals(), balance(remember), closed)
                .handleAsync(BALANCE_CALL, context("", "")).get(30, TimeUnit.SECONDS))
                .as("an executor that refuses the tool fails the call, recorded").isInstanceOfSatisfying(
                        GatewayResult.Failed.class, f -> assertThat(f.failure().failureMode())
                                .isEqualTo(FailureMode.TOOL_FAILED));
    }

    /** An approval queue that remembers where it was asked, and can be made to fail. */
    private static final class WatchedQueue implements ApprovalQueue {
        final ApprovalQueue inner = approvals();
        final List<String> askedOn = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        private void asked() {
            askedOn.add(Thread.currentThread().getName());
            if (failure != null) {
                throw failure;
            }
        }

        @Override public Approval submit(ApprovalRequest request) {
            asked();
            return inner.submit(request);
        }
        @Override public Optional<Approval> consume(String runId, String callDigest) {
            asked();
            return inner.consume(runId, callDigest);
        }
        @Override public Approval approve(String id, String approver, String reason) {
            return inner.approve(id, approver, reason);
        }
        @Override public Approval reject(String id, String approver, String reason) {
            return inner.reject(id, approver, reason);
        }
        @Override public Optional<Approval> find(String id) { return inner.find(id); }
        @Override public List<Approval> pending() { return inner.pending(); }
    }

    @Test
    void aCallThatNeedsApprovalAsksTheQueueOffTheCallingThread() throws Exception {
        WatchedQueue queue = new WatchedQueue();
        ToolGateway g = gateway(ProvenanceLedger.inMemory(), queue, balance(args -> "1810.0"));
        DecisionContext ctx = context("pay the bill", "bill: US133000000121212121212");

        GatewayResult waiting = g.handleAsync(PAY, ctx).get(30, TimeUnit.SECONDS);
        assertThat(waiting).isInstanceOf(GatewayResult.AwaitingApproval.class);
        queue.approve(((GatewayResult.AwaitingApproval) waiting).approval().id(), "emma", "my landlord");
        assertThat(g.handleAsync(PAY, ctx).get(30, TimeUnit.SECONDS)).isInstanceOf(GatewayResult.Executed.class);
        assertThat(sent).containsExactly("US133000000121212121212");
        assertThat(queue.askedOn).hasSize(3).allMatch(name -> name.startsWith("arbiter-tool-"));

        queue.failure = new IllegalStateException("approvals database down");
        assertThatThrownBy(() -> g.handleAsync(PAY, ctx).join()).isInstanceOf(CompletionException.class)
                .hasCause(queue.failure);
        assertThatThrownBy(() -> g.handle(PAY, ctx)).isSameAs(queue.failure);
    }

    @Test
    void aToolOfItsOwnThatOverridesExecuteAsyncIsStartedOnTheCallingThread() throws Exception {
        String caller = Thread.currentThread().getName();
        AtomicReference<String> startedOn = new AtomicReference<>();
        Tool own = new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return ToolDescriptor.of(BALANCE, SideEffect.READ);
            }

            @Override
            public String execute(JsonNode arguments) {
                throw new AssertionError("handleAsync calls executeAsync");
            }

            @Override
            public CompletableFuture<String> executeAsync(JsonNode arguments) {
                startedOn.set(Thread.currentThread().getName());
                return CompletableFuture.completedFuture("1810.0");
            }
        };
        assertThat(gateway(ProvenanceLedger.inMemory(), approvals(), own).handleAsync(BALANCE_CALL, context("", ""))
                .get(30, TimeUnit.SECONDS)).isInstanceOf(GatewayResult.Executed.class);
        assertThat(startedOn.get()).isEqualTo(caller);
    }

    /** An empty arguments object. */
    private static final class JsonNodes {
        static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
}
