package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static dev.arbiter.workflow.Fixtures.lastUserText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.CitationVerifier;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.steering.RequestComposer;
import dev.arbiter.steering.constraint.CitationRule;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.ContextQuery;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Remedies;
import dev.arbiter.workflow.Remedy;
import dev.arbiter.workflow.trace.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each remedy path of the attempt loop, driven by the scripted generator. */
class RemedyPathsTest {

    private static final String INVOICE_TEXT = "Invoice INV-9902 from Borealis GmbH. Total EUR 2380.00 incl. VAT.";

    private final ProvenanceLedger ledger = ProvenanceLedger.inMemory();
    private final Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    private final Fixtures.Recorder recorder = new Fixtures.Recorder();

    private <O> Pipeline<String, O> pipeline(GovernedStep<String, O> step, ArtifactType<O> type) {
        return Pipeline.builder("test", step, type).ledger(ledger).sleeper(sleeper).listener(recorder)
                .random(new Random(1)).build();
    }

    private static GovernedStep.Builder<String, Invoice> invoiceStep(ScriptedGenerator generator) {
        return GovernedStep.<String, Invoice>builder("extract", ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer())
                .generator(generator)
                .verifier(JsonSchemaVerifier.create());
    }

    private List<Decision> decisions() {
        return ledger.read(0, ledger.size()).stream().map(r -> r.entry().decision()).toList();
    }

    @Test
    void schemaRepairSucceedsOnTheSecondAttemptAndTheRepairRequestCarriesTheExactErrors() {
        Generation wrong = answer("{\"number\":\"INV-9902\",\"total\":\"2380.00\"}");
        ScriptedGenerator generator = ScriptedGenerator.of(wrong, answer("{\"number\":\"INV-9902\",\"total\":2380.0}"));

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).build(), ArtifactType.of(Invoice.class))
                .run("Extract the invoice.");

        assertThat(outcome).isEqualTo(Outcome.accepted(new Invoice("INV-9902", 2380.0),
                ((Outcome.Accepted<Invoice>) outcome).runId()));
        GenerationRequest first = generator.requests().get(0);
        GenerationRequest repair = generator.requests().get(1);
        Verdict.Fail expected = (Verdict.Fail) JsonSchemaVerifier.create().verify(Candidate.of(wrong, first));
        Finding finding = expected.findings().get(0);
        assertThat(lastUserText(repair)).contains("[SCHEMA_VIOLATION] at /total: " + finding.message());
        assertThat(repair.responseSchema()).isEqualTo(first.responseSchema());
        assertThat(repair.attribute(RequestComposer.CONTRACT_FINGERPRINT))
                .isEqualTo(first.attribute(RequestComposer.CONTRACT_FINGERPRINT)).isPresent();
        assertThat(repair.messages().get(0)).isEqualTo(first.messages().get(0));
        assertThat(repair.messages().get(2)).isEqualTo(Message.assistant(wrong.text()));
        assertThat(decisions()).containsExactly(Decision.REJECTED, Decision.ACCEPTED);
    }

    @Test
    void aFabricatedQuoteIsCaughtAndRepaired() {
        record Citation(String source, String quote) {}
        record Claim(String text, List<Citation> citations) {}
        record Claims(List<Claim> claims) {}
        String fabricated = "Total EUR 9999.00, payable immediately";
        ScriptedGenerator generator = ScriptedGenerator.of(
                answer("{\"claims\":[{\"text\":\"The total is EUR 9999.\",\"citations\":[{\"source\":\"invoice-9902\","
                        + "\"quote\":\"" + fabricated + "\"}]}]}"),
                answer("{\"claims\":[{\"text\":\"The total is EUR 2380.\",\"citations\":[{\"source\":\"invoice-9902\","
                        + "\"quote\":\"Total EUR 2380.00 incl. VAT\"}]}]}"));
        GovernedStep<String, Claims> step = GovernedStep.<String, Claims>builder("cite", ArtifactType.of(Claims.class))
                .composer(Fixtures.composer(OutputSpec.builder().citations(CitationRule.everyClaim()).build()))
                .context(q -> List.of(ContextItem.untrusted("invoice-9902", INVOICE_TEXT)))
                .generator(generator)
                .verifier(CitationVerifier.create())
                .build();

        Outcome<Claims> outcome = pipeline(step, ArtifactType.of(Claims.class)).run("What is the total?");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(((Outcome.Accepted<Claims>) outcome).value().claims().get(0).text()).contains("2380");
        assertThat(lastUserText(generator.requests().get(1))).contains("[HALLUCINATION]").contains(fabricated);
    }

    @Test
    void a429WithRetryAfterIsHonouredAndTheSameRequestIsSentAgain() {
        ArbiterException rateLimited = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "429 Too Many Requests",
                ProviderDetail.builder().httpStatus(429).retryAfter(Duration.ofSeconds(7)).build(), null);
        ScriptedGenerator generator = ScriptedGenerator.builder().throwing(rateLimited)
                .respond(answer("{\"number\":\"A-1\",\"total\":1}")).build();

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).build(), ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(sleeper.waits).hasSize(1);
        assertThat(sleeper.waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        assertThat(generator.requests().get(1)).isEqualTo(generator.requests().get(0));
        assertThat(recorder.of(TraceEvent.RemedyTaken.class)).extracting(TraceEvent.RemedyTaken::remedy)
                .containsExactly("BACK_OFF");
    }

    @Test
    void providerRejectedAbortsWithoutRetrying() {
        ScriptedGenerator generator = ScriptedGenerator.builder().throwing(ArbiterException.of(
                FailureMode.PROVIDER_REJECTED, "401 invalid api key")).build();

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).build(), ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().mode()).isEqualTo(FailureMode.PROVIDER_REJECTED));
        assertThat(generator.callCount()).isEqualTo(1);
        assertThat(decisions()).containsExactly(Decision.FAILED);
    }

    @Test
    void aRefusalEscalates() {
        ScriptedGenerator generator = ScriptedGenerator.of(Generation.builder().text("I can't help with that.")
                .finishReason(FinishReason.REFUSAL).modelId("gpt-4o-mini").build());

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).build(), ArtifactType.of(Invoice.class))
                .run("run-refusal", "x");

        assertThat(outcome).isEqualTo(new Outcome.Escalated<Invoice>("run-refusal/extract", FailureMode.REFUSAL,
                "the model stopped with finish reason REFUSAL"));
        assertThat(decisions()).containsExactly(Decision.ESCALATED);
        assertThat(recorder.of(TraceEvent.ApprovalRequested.class)).hasSize(1);
    }

    @Test
    void aHumanReviewVerdictEscalatesOnlyWhenNoVerifierFailed() {
        Verifier review = Verifier.named("review", c -> Verdict.humanReview("review", "amount above 1000"));
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":\"x\"}"),
                answer("{\"number\":\"A-1\",\"total\":5000}"));

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).verifier(review).build(),
                ArtifactType.of(Invoice.class)).run("x");

        assertThat(generator.callCount()).isEqualTo(2);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Escalated.class,
                e -> assertThat(e.reason()).contains("amount above 1000"));
    }

    @Test
    void aVerifierThatThrowsFailsClosed() {
        Verifier broken = Verifier.named("broken", c -> {
            throw new IllegalStateException("boom");
        });
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":1}"));

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).verifier(broken).build(),
                ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.failure().mode()).isEqualTo(FailureMode.VERIFIER_ERROR));
        assertThat(generator.callCount()).isEqualTo(1);
    }

    @Test
    void aTruncatedAnswerIsRetriedWithTwiceTheOutputLimit() {
        Generation cut = Generation.builder().text("{\"number\":\"A-").finishReason(FinishReason.LENGTH)
                .modelId("m").build();
        ScriptedGenerator generator = ScriptedGenerator.of(cut, answer("{\"number\":\"A-1\",\"total\":1}"));

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).build(), ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(generator.requests().get(1).maxOutputTokens()).hasValue(1024);
    }

    @Test
    void findingsLeftWhenTheAttemptsRunOutRejectTheRun() {
        Generation wrong = answer("{\"number\":1,\"total\":1}");
        ScriptedGenerator generator = ScriptedGenerator.of(wrong, wrong);

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).maxAttempts(2).build(),
                ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(((Finding) r.findings().get(0)).location()).isEqualTo(Location.pointer("/number"));
        });
        assertThat(decisions()).containsExactly(Decision.REJECTED, Decision.REJECTED);
    }

    @Test
    void missingContextIsReRetrievedWithTheFindingsInTheQuery() {
        List<ContextQuery> queries = new CopyOnWriteArrayList<>();
        Verifier needsTotal = Verifier.named("needs-total", c -> c.evidence().find("totals").isPresent()
                ? Verdict.pass("needs-total")
                : Verdict.fail("needs-total", Finding.of("needs-total", FailureMode.CONTEXT_MISSING, Location.whole(),
                        "the totals sheet is missing", "Use the totals sheet.")));
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":1}"),
                answer("{\"number\":\"A-1\",\"total\":1}"));
        GovernedStep<String, Invoice> step = invoiceStep(generator).verifier(needsTotal).context(q -> {
            queries.add(q);
            return q.attribute("arbiter.findings").isPresent()
                    ? List.of(ContextItem.trusted("totals", "Total 1"))
                    : List.of(ContextItem.trusted("header", "Invoice A-1"));
        }).build();

        Outcome<Invoice> outcome = pipeline(step, ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(queries).hasSize(2);
        assertThat(queries.get(1).attribute("arbiter.findings")).hasValueSatisfying(
                f -> assertThat(f).contains("the totals sheet is missing"));
    }

    @Test
    void anOverflowingContextIsShrunkUntilTheRequestFits() {
        java.util.function.IntFunction<String> page = i -> java.util.stream.IntStream.range(0, 150)
                .mapToObj(k -> "entry " + i + "-" + k + " costs " + (k * 37 + i * 101))
                .collect(java.util.stream.Collectors.joining("; "));
        RequestComposer composer = Fixtures.composer(OutputSpec.builder().schema(Fixtures.INVOICE_SCHEMA)
                .budget(dev.arbiter.steering.constraint.Budget.builder().inputTokens(1_500).build()).build());
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":1}"));
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class))
                .composer(composer).generator(generator).verifier(JsonSchemaVerifier.create())
                .context(q -> List.of(ContextItem.untrusted("p1", page.apply(1)),
                        ContextItem.untrusted("p2", page.apply(2)), ContextItem.untrusted("p3", page.apply(3))))
                .build();

        Outcome<Invoice> outcome = pipeline(step, ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(recorder.of(TraceEvent.RemedyTaken.class)).extracting(TraceEvent.RemedyTaken::remedy)
                .contains("SHRINK_CONTEXT");
    }

    @Test
    void remediesAreConfigurablePerStep() {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":1,\"total\":1}"));
        Remedies escalateSchema = Remedies.defaults().with(FailureMode.SCHEMA_VIOLATION, Remedy.ESCALATE);

        Outcome<Invoice> outcome = pipeline(invoiceStep(generator).remedies(escalateSchema).build(),
                ArtifactType.of(Invoice.class)).run("x");

        assertThat(outcome).isInstanceOf(Outcome.Escalated.class);
        assertThat(generator.callCount()).isEqualTo(1);
    }
}
