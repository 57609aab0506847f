package dev.arbiter.examples.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.core.FailureMode;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.trace.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo, end to end on the recorded cassette. */
class ContractReviewDemoTest {

    @Test
    void theDemoCatchesAndRepairsThenEscalatesToALawyerAndShipsTheVerifiedReport(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ContractReviewDemo.Result r = ContractReviewDemo.run(new PrintStream(text, true, StandardCharsets.UTF_8),
                RecordedReviews.ndaPlayer(), "gpt-4o-mini", "recorded", dir);

        // Attempt 1: the schema error and the fabricated quote are caught.
        List<Finding> caught = r.events().stream().filter(e -> e instanceof TraceEvent.VerificationEnded)
                .map(e -> ((TraceEvent.VerificationEnded) e).verdict())
                .filter(v -> v instanceof Verdict.Fail).flatMap(v -> ((Verdict.Fail) v).findings().stream()).toList();
        assertThat(caught).extracting(Finding::mode)
                .containsExactlyInAnyOrder(FailureMode.SCHEMA_VIOLATION, FailureMode.HALLUCINATION);
        assertThat(caught).filteredOn(f -> f.mode() == FailureMode.HALLUCINATION).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("Harbor shall be liable for all damages")
                        .contains("is not in source 'nda'"));
        // Attempt 2 passes every check, and the high-risk clauses go to a lawyer.
        assertThat(r.first()).isInstanceOfSatisfying(Outcome.Escalated.class,
                e -> assertThat(e.reason()).contains("3.2").contains("7.2"));
        assertThat(r.last()).isInstanceOf(Outcome.Accepted.class);
        RiskReport report = ((Outcome.Accepted<RiskReport>) r.last()).value();
        assertThat(report.clauses()).extracting(RiskReport.Clause::section).containsExactly("3.2", "7.2", "4.2", "6.1",
                "8.1");
        assertThat(report.highRisk()).extracting(RiskReport.Clause::section).containsExactly("3.2", "7.2");
        for (RiskReport.Clause c : report.clauses()) {
            for (RiskReport.Citation q : c.citations()) {
                int at = ClauseLocationVerifier.indexOf(ContractDocument.nda().text(), q.quote());
                assertThat(at).as(q.quote()).isNotNegative();
                assertThat(ContractDocument.nda().sectionAt(at)).contains(c.section());
            }
        }
        assertThat(r.events()).filteredOn(e -> e instanceof TraceEvent.GenerationEnded).hasSize(2);

        // The ledger: repair, escalation, acceptance on the lawyer's approval; the chain verifies.
        try (var reader = ProvenanceLedger.file(r.ledger()).openReader()) {
            assertThat(reader.verify()).isInstanceOf(LedgerVerification.Valid.class);
            List<ProvenanceEntry> entries = reader.read(0, reader.size()).stream().map(x -> x.entry()).toList();
            assertThat(entries).extracting(ProvenanceEntry::decision)
                    .containsExactly(Decision.REJECTED, Decision.ESCALATED, Decision.ACCEPTED);
            assertThat(entries.get(2).approver()).contains(ContractReviewDemo.REVIEWER);
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("CAUGHT").contains("Verified result: 5 risky clauses")
                .contains("resumed run: accepted, 0 new model calls").contains("Usage: 2 model calls")
                .contains(r.ledger().toString()).contains(r.report().toString());
        assertThat(Files.readString(r.report())).contains("Verified result").contains("Residuals clause")
                .contains("severe");
        assertThat(Files.readAllLines(r.trace())).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{\"time\""));
    }
}
