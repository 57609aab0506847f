package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One JVM's part of the review test: a governed step whose verifier asks for human review, with checkpoints,
 * approvals and ledger in PostgreSQL. Prints what happened. Arguments: JDBC URL, user, password, run id.
 */
public final class ReviewRunMain {

    private ReviewRunMain() {}

    public static void main(String[] args) {
        DataSource ds = CrashingRunMain.dataSource(args[0], args[1], args[2]);
        ScriptedGenerator model = ScriptedGenerator.of(answer("{\"number\":\"A-9\",\"total\":5000}"));
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            GovernedStep<String, Invoice> extract = GovernedStep.<String, Invoice>builder("extract",
                            ArtifactType.of(Invoice.class))
                    .composer(Fixtures.invoiceComposer()).generator(model).verifier(JsonSchemaVerifier.create())
                    .verifier(Verifier.named("amount", c -> Verdict.humanReview("amount", "amount above 1000")))
                    .build();
            Pipeline<String, Invoice> pipeline = Pipeline.builder("review", extract, ArtifactType.of(Invoice.class))
                    .checkpoints(CheckpointStore.jdbc(ds)).ledger(ledger)
                    .approvals(ApprovalQueue.jdbc(ds, Clock.systemUTC(), Duration.ofHours(1))).build();
            Outcome<Invoice> outcome = pipeline.run(args[3], "Extract the invoice.");
            if (outcome instanceof Outcome.Escalated<Invoice> e) {
                System.out.println("escalated " + e.pendingId());
            } else if (outcome instanceof Outcome.Accepted<Invoice> a) {
                System.out.println("accepted " + a.value().number() + " " + a.value().total());
            } else {
                System.out.println("other " + outcome);
            }
            System.out.println("generations " + model.callCount());
        }
    }
}
