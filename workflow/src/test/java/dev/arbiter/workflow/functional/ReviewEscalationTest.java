package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.Approval;
import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.intent.IntentContract;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.trace.TraceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escalations that are not tool calls: a person reviews the exact candidate, and the run resumes on the decision. */
class ReviewEscalationTest {

    private final ProvenanceLedger ledger = ProvenanceLedger.inMemory();
    private final Fixtures.Recorder recorder = new Fixtures.Recorder();
    private final MutableClock clock = new MutableClock();
    private final ApprovalQueue queue = ApprovalQueue.inMemory(clock, Duration.ofHours(1));
    private final Verifier review = Verifier.named("amount", c -> Verdict.humanReview("amount", "amount above 1000"));

    private Pipeline<String, Invoice> pipeline(ScriptedGenerator generator, Verifier... verifiers) {
        GovernedStep.Builder<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer()).generator(generator)
                .verifier(JsonSchemaVerifier.create());
        for (Verifier v : verifiers) {
            step.verifier(v);
        }
        return Pipeline.builder("review", step.build(), ArtifactType.of(Invoice.class)).ledger(ledger)
                .listener(recorder).approvals(queue).build();
    }

    private static ScriptedGenerator twoCandidates() {
        return ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":5000}"),
                answer("{\"number\":\"A-1\",\"total\":7000}"));
    }

    private static String pendingId(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Escalated.class);
        return ((Outcome.Escalated<?>) outcome).pendingId();
    }

    @Test
    void aHumanReviewIsPersistedAsAReviewOfTheExactCandidate() {
        String id = pendingId(pipeline(twoCandidates(), review).run("run-r1", "x"));

        assertThat(queue.pending()).extracting(Approval::id).containsExactly(id);
        Approval pending = queue.find(id).orElseThrow();
        assertThat(pending.request().toolName()).isEqualTo("arbiter.review");
        assertThat(pending.request().canonicalCall()).contains("\"step\":\"extract\"").contains("\"generation\"");
        assertThat(pending.request().reason()).contains("amount above 1000");
        assertThat(recorder.of(TraceEvent.ApprovalRequested.class)).extracting(TraceEvent.ApprovalRequested::pendingId)
                .containsExactly(id);
    }

    @Test
    void anApprovedCandidateIsAcceptedOnResumeWithoutASecondGeneration() {
        ScriptedGenerator generator = twoCandidates();
        Pipeline<String, Invoice> pipeline = pipeline(generator, review);
        String id = pendingId(pipeline.run("run-r2", "x"));
        queue.approve(id, "alice", "the amount matches the order");

        Outcome<Invoice> resumed = pipeline.run("run-r2", "x");

        assertThat(resumed).isEqualTo(Outcome.accepted(new Invoice("A-1", 5000), "run-r2"));
        assertThat(generator.callCount()).isEqualTo(1);
        List<ProvenanceRecord> records = ledger.read(0, ledger.size());
        ProvenanceEntry last = records.get(records.size() - 1).entry();
        assertThat(last.decision()).isEqualTo(Decision.ACCEPTED);
        assertThat(last.approver()).contains("alice");
        assertThat(recorder.of(TraceEvent.ApprovalDecided.class)).singleElement()
                .satisfies(d -> assertThat(d.approved()).isTrue())
                .satisfies(d -> assertThat(d.approver()).isEqualTo("alice"));
        assertThat(queue.find(id)).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(Approval.Status.CONSUMED));
    }

    @Test
    void aRejectedCandidateEndsTheRunRejectedWithTheReviewersReason() {
        ScriptedGenerator generator = twoCandidates();
        Pipeline<String, Invoice> pipeline = pipeline(generator, review);
        String id = pendingId(pipeline.run("run-r3", "x"));
        queue.reject(id, "bob", "the total is not on the invoice");

        Outcome<Invoice> resumed = pipeline.run("run-r3", "x");

        assertThat(resumed).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.findings())
                .extracting(f -> ((Finding) f).message()).singleElement().asString()
                .contains("bob").contains("the total is not on the invoice"));
        assertThat(generator.callCount()).isEqualTo(1);
        assertThat(recorder.of(TraceEvent.ApprovalDecided.class)).singleElement()
                .satisfies(d -> assertThat(d.approved()).isFalse());
    }

    @Test
    void aStillPendingReviewKeepsTheSamePendingIdAndAsksNoOneAgain() {
        ScriptedGenerator generator = twoCandidates();
        Pipeline<String, Invoice> pipeline = pipeline(generator, review);
        String id = pendingId(pipeline.run("run-r4", "x"));

        String again = pendingId(pipeline.run("run-r4", "x"));

        assertThat(again).isEqualTo(id);
        assertThat(queue.pending()).hasSize(1);
        assertThat(generator.callCount()).isEqualTo(1);
    }

    @Test
    void aChangedCandidateNeedsANewDecision() {
        ScriptedGenerator generator = twoCandidates();
        Pipeline<String, Invoice> pipeline = pipeline(generator, review);
        String first = pendingId(pipeline.run("run-r5", "x"));
        clock.advance(Duration.ofHours(2)); // nobody decided: the request expired

        String second = pendingId(pipeline.run("run-r5", "x"));

        assertThat(second).isNotEqualTo(first);
        assertThat(generator.callCount()).isEqualTo(2);
        assertThat(queue.find(first).orElseThrow().request().callDigest())
                .isNotEqualTo(queue.find(second).orElseThrow().request().callDigest());
        queue.approve(second, "alice", "ok");
        assertThat(pipeline.run("run-r5", "x")).isEqualTo(Outcome.accepted(new Invoice("A-1", 7000), "run-r5"));
    }

    @Test
    void anApprovalOfOneRunDoesNotAcceptTheSameCandidateInAnotherRun() {
        Pipeline<String, Invoice> pipeline = pipeline(ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":5000}"),
                answer("{\"number\":\"A-1\",\"total\":5000}")), review);
        String id = pendingId(pipeline.run("run-r6", "x"));
        queue.approve(id, "alice", "ok");

        String other = pendingId(pipeline.run("run-r7", "x"));

        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void aRefusalIsPersistedAndARejectionEndsTheRun() {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("I cannot help with that.").toBuilder()
                .finishReason(FinishReason.REFUSAL).build());
        Pipeline<String, Invoice> pipeline = pipeline(generator);
        Outcome<Invoice> outcome = pipeline.run("run-r8", "x");
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Escalated.class,
                e -> assertThat(e.mode()).isEqualTo(FailureMode.REFUSAL));
        queue.reject(pendingId(outcome), "carol", "the request was out of scope");

        Outcome<Invoice> resumed = pipeline.run("run-r8", "x");

        assertThat(resumed).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.findings())
                .extracting(f -> ((Finding) f).mode()).containsExactly(FailureMode.REFUSAL));
        assertThat(generator.callCount()).isEqualTo(1);
    }

    @Test
    void anApprovedCandidateThatDoesNotBindIsRejectedNotShipped() {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("I cannot help with that.").toBuilder()
                .finishReason(FinishReason.REFUSAL).build());
        Pipeline<String, Invoice> pipeline = pipeline(generator);
        String id = pendingId(pipeline.run("run-r9", "x"));
        queue.approve(id, "carol", "fine");

        Outcome<Invoice> resumed = pipeline.run("run-r9", "x");

        assertThat(resumed).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.findings())
                .extracting(f -> ((Finding) f).mode()).containsExactly(FailureMode.SCHEMA_VIOLATION));
    }

    @Test
    void withoutAQueueAnEscalationKeepsItsRunStepPendingId() {
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer()).generator(twoCandidates())
                .verifier(review).build();

        Outcome<Invoice> outcome = Pipeline.builder("review", step, ArtifactType.of(Invoice.class)).build()
                .run("run-r10", "x");

        assertThat(pendingId(outcome)).isEqualTo("run-r10/extract");
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void aBlockedCompositionIsPersistedAndARejectionEndsTheRunWithoutAModelCall() {
        IntentContract noAudience = IntentContract.builder("invoice-extract", "2")
                .purpose("Extract the invoice number and total from an invoice.")
                .task("Return the number and total as JSON.")
                .successCriterion("The number and total match the invoice.").build();
        ScriptedGenerator generator = twoCandidates();
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                ArtifactType.of(Invoice.class)).composer(RequestComposer.builder(noAudience,
                        OutputSpec.builder().schema(Fixtures.INVOICE_SCHEMA).build()).build())
                .generator(generator).build();
        Pipeline<String, Invoice> pipeline = Pipeline.builder("review", step, ArtifactType.of(Invoice.class))
                .ledger(ledger).listener(recorder).approvals(queue).build();

        Outcome<Invoice> first = pipeline.run("run-b1", "x");
        String id = pendingId(first);
        assertThat(((Outcome.Escalated<?>) first).mode()).isEqualTo(FailureMode.UNDERSPECIFIED);
        Approval pending = queue.find(id).orElseThrow();
        assertThat(pending.request().toolName()).isEqualTo("arbiter.review");
        assertThat(pending.request().canonicalCall()).contains("\"escalation\"").doesNotContain("\"generation\"");
        assertThat(pending.request().reason()).contains("audience");
        assertThat(pendingId(pipeline.run("run-b1", "x"))).isEqualTo(id); // undecided: the same request
        assertThat(queue.pending()).hasSize(1);

        queue.reject(id, "erin", "the contract owner will add the audience");
        Outcome<Invoice> resumed = pipeline.run("run-b1", "x");

        assertThat(resumed).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.findings())
                .singleElement().satisfies(f -> {
                    assertThat(((Finding) f).mode()).isEqualTo(FailureMode.UNDERSPECIFIED);
                    assertThat(((Finding) f).message()).contains("erin").contains("will add the audience");
                }));
        assertThat(generator.callCount()).isZero();
        assertThat(ledger.read(0, ledger.size())).extracting(r -> r.entry().decision())
                .containsExactly(Decision.ESCALATED, Decision.REJECTED); // asking again records nothing new
    }

    @Test
    void aProviderThrownRefusalIsPersistedAndAnApprovalRunsTheStepAgain() {
        ScriptedGenerator generator = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.REFUSAL, "the provider refused the request"))
                .respond(answer("{\"number\":\"A-1\",\"total\":50}"))
                .build();
        Pipeline<String, Invoice> pipeline = pipeline(generator);
        Outcome<Invoice> first = pipeline.run("run-b2", "x");
        String id = pendingId(first);
        assertThat(((Outcome.Escalated<?>) first).mode()).isEqualTo(FailureMode.REFUSAL);
        assertThat(queue.find(id).orElseThrow().request().canonicalCall()).contains("\"escalation\"");
        queue.approve(id, "dana", "a legitimate invoice; try again");

        Outcome<Invoice> resumed = pipeline.run("run-b2", "x");

        assertThat(resumed).isEqualTo(Outcome.accepted(new Invoice("A-1", 50), "run-b2"));
        assertThat(generator.callCount()).isEqualTo(2);
        assertThat(queue.find(id)).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(Approval.Status.CONSUMED));
        List<ProvenanceEntry> entries = ledger.read(0, ledger.size()).stream().map(ProvenanceRecord::entry).toList();
        assertThat(entries).filteredOn(e -> e.decision() == Decision.APPROVED).singleElement()
                .satisfies(e -> assertThat(e.approver()).contains("dana"));
        assertThat(entries.get(entries.size() - 1).decision()).isEqualTo(Decision.ACCEPTED);
        assertThat(recorder.of(TraceEvent.ApprovalDecided.class)).singleElement()
                .satisfies(d -> assertThat(d.approver()).isEqualTo("dana"));
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-06-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
