package dev.arbiter.authority.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.provenance.internal.DriverManagerDataSource;
import dev.arbiter.core.ToolCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The approval contract, for the in-memory queue and the JDBC queue on H2. */
class ApprovalQueueTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }
    }

    static Stream<Function<Clock, ApprovalQueue>> queues() {
        return Stream.of(
                clock -> ApprovalQueue.inMemory(clock, Duration.ofHours(1)),
                clock -> ApprovalQueue.jdbc(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1", null, null), clock, Duration.ofHours(1)));
    }

    private static final ToolCall CALL = ToolCall.of("c1", "send_money", "{\"recipient\":\"X1\",\"amount\":5}");
    private static final PermissionDecision.NeedsApproval ASK =
            new PermissionDecision.NeedsApproval("tainted recipient", "provenance:recipient", Fixtures.POLICY);

    @ParameterizedTest
    @MethodSource("queues")
    void approvedCallCanBeConsumedExactlyOnce(Function<Clock, ApprovalQueue> make) {
        ApprovalQueue q = make.apply(new MovableClock());
        Approval a = q.submit(ApprovalRequest.of("run-1", CALL, ASK));
        assertThat(q.pending()).extracting(Approval::id).containsExactly(a.id());
        Approval approved = q.approve(a.id(), "alice@bank", "known landlord");
        assertThat(approved.status()).isEqualTo(Approval.Status.APPROVED);
        assertThat(approved.decidedBy()).contains("alice@bank");
        assertThat(q.consume("run-1", ToolCalls.digest(CALL))).map(Approval::status).contains(Approval.Status.CONSUMED);
        assertThat(q.consume("run-1", ToolCalls.digest(CALL))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("queues")
    void approvalIsBoundToTheExactCallAndRun(Function<Clock, ApprovalQueue> make) {
        ApprovalQueue q = make.apply(new MovableClock());
        Approval a = q.submit(ApprovalRequest.of("run-1", CALL, ASK));
        q.approve(a.id(), "alice", "ok");
        ToolCall swapped = ToolCall.of("c1", "send_money", "{\"recipient\":\"X2\",\"amount\":5}");
        ToolCall reordered = ToolCall.of("c9", "send_money", "{\"amount\":5.0,\"recipient\":\"X1\"}");
        assertThat(q.consume("run-1", ToolCalls.digest(swapped))).isEmpty();
        assertThat(q.consume("run-2", ToolCalls.digest(CALL))).isEmpty();
        assertThat(ToolCalls.digest(reordered)).isEqualTo(ToolCalls.digest(CALL));
        assertThat(q.consume("run-1", ToolCalls.digest(reordered))).isPresent();
    }

    @ParameterizedTest
    @MethodSource("queues")
    void rejectedApprovalIsNeverConsumedAndCannotBeApprovedLater(Function<Clock, ApprovalQueue> make) {
        ApprovalQueue q = make.apply(new MovableClock());
        Approval a = q.submit(ApprovalRequest.of("run-1", CALL, ASK));
        Approval rejected = q.reject(a.id(), "bob", "unknown account");
        assertThat(rejected.decisionReason()).isEqualTo("unknown account");
        assertThatThrownBy(() -> q.approve(a.id(), "mallory", "ok")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rejected");
        assertThat(q.consume("run-1", ToolCalls.digest(CALL))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("queues")
    void expiredApprovalCanBeNeitherApprovedNorUsed(Function<Clock, ApprovalQueue> make) {
        MovableClock clock = new MovableClock();
        ApprovalQueue q = make.apply(clock);
        Approval a = q.submit(ApprovalRequest.of("run-1", CALL, ASK));
        Approval b = q.submit(ApprovalRequest.of("run-2", CALL, ASK));
        q.approve(b.id(), "alice", "ok");
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> q.approve(a.id(), "alice", "late")).hasMessageContaining("expired");
        assertThat(q.consume("run-2", ToolCalls.digest(CALL))).isEmpty();
        assertThat(q.pending()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("queues")
    void submittingTheSameCallTwiceReturnsTheOpenApproval(Function<Clock, ApprovalQueue> make) {
        ApprovalQueue q = make.apply(new MovableClock());
        Approval a = q.submit(ApprovalRequest.of("run-1", CALL, ASK));
        assertThat(q.submit(ApprovalRequest.of("run-1", CALL, ASK)).id()).isEqualTo(a.id());
        assertThat(q.find(a.id())).map(x -> x.request().canonicalCall()).contains(ToolCalls.canonical(CALL));
    }

    @ParameterizedTest
    @MethodSource("queues")
    void approvalNeedsAnApproverAndAnExistingId(Function<Clock, ApprovalQueue> make) {
        ApprovalQueue q = make.apply(new MovableClock());
        Approval a = q.submit(ApprovalRequest.of("run-1", CALL, ASK));
        assertThatThrownBy(() -> q.approve(a.id(), " ", "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.approve("nope", "alice", "ok")).isInstanceOf(NoSuchElementException.class);
    }
}
