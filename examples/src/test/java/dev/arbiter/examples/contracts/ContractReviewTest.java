package dev.arbiter.examples.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.Outcome;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContractReviewTest {

    private static final ContractDocument NDA = ContractDocument.nda();

    private static Candidate candidate(String json) {
        return Candidate.of(Generation.builder().text(json).modelId("m").build(),
                GenerationRequest.builder().addMessage(Message.user("review")).build(),
                Evidence.of(java.util.List.of(Source.of("nda", "contract", NDA.text(), Trust.UNTRUSTED))));
    }

    @Test
    void aClauseGivenTheWrongSectionIsCaughtWithTheRightOne() {
        Verdict v = new ClauseLocationVerifier(NDA).verify(candidate("""
                {"clauses":[{"title":"Cap","section":"7.2","risk":"medium","explanation":"x is capped.",
                 "citations":[{"source":"nda","quote":"Northwind's total liability under this Agreement shall not exceed five thousand euros"}]}]}"""));
        assertThat(v).isInstanceOfSatisfying(Verdict.Fail.class, f -> assertThat(f.findings()).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("in section 7.3"))
                .satisfies(x -> assertThat(x.mode()).isEqualTo(FailureMode.HALLUCINATION)));
        Verdict missing = new ClauseLocationVerifier(NDA).verify(candidate("""
                {"clauses":[{"title":"Cap","section":"12.4","risk":"medium","explanation":"x",
                 "citations":[{"source":"nda","quote":"whatever"}]}]}"""));
        assertThat(missing).isInstanceOfSatisfying(Verdict.Fail.class, f -> assertThat(f.findings()).extracting(
                Finding::message).singleElement().asString().contains("does not have"));
    }

    @Test
    void anExplanationTheContractDoesNotSupportIsCaught() {
        Verdict v = new ExplanationGroundingVerifier().verify(candidate("""
                {"clauses":[{"title":"Term","section":"4.1","risk":"low",
                 "explanation":"The Agreement continues for ten years and cannot be terminated early.",
                 "citations":[{"source":"nda","quote":"continues for two (2) years"}]}]}"""));
        assertThat(v).isInstanceOfSatisfying(Verdict.Fail.class, f -> assertThat(f.findings()).isNotEmpty()
                .allSatisfy(x -> assertThat(x.location().describe()).contains("/clauses/0/explanation")));
    }

    @Test
    void aLawyerWhoRejectsTheReportEndsTheRunRejectedWithoutANewModelCall() {
        ScriptedGenerator model = ScriptedGenerator.of(RecordedReviews.ndaRepairedAnswer());
        ApprovalQueue queue = ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofDays(1));
        ContractReview review = ContractReview.builder(model).approvals(queue).build();
        Outcome<RiskReport> first = review.review("r-1", NDA);
        assertThat(first).isInstanceOf(Outcome.Escalated.class);
        queue.reject(((Outcome.Escalated<RiskReport>) first).pendingId(), "counsel", "section 3.2 is misread");

        Outcome<RiskReport> resumed = review.review("r-1", NDA);

        assertThat(resumed).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.findings())
                .extracting(f -> ((Finding) f).message()).singleElement().asString().contains("section 3.2 is misread"));
        assertThat(model.callCount()).isEqualTo(1);
    }

    @Test
    void theRecordedCassetteMatchesTheCurrentRequests() {
        // If the contract, the schema or the prompt layout changes, the digests change: run RecordedReviews.main.
        assertThat(RecordedReviews.ndaPlayer().size()).isEqualTo(2);
        assertThat(ContractReview.builder(RecordedReviews.ndaPlayer()).build().review("r-2", NDA))
                .isInstanceOf(Outcome.Escalated.class);
    }
}
