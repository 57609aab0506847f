package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.SideEffect;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.authority.permission.ToolDescriptor;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.arbiter.core.Trust;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Steps;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One JVM's part of the approval test: extract an invoice (model), then pay it (tool step needing approval), with
 * checkpoints, approvals and ledger in PostgreSQL. Prints what happened. Arguments: JDBC URL, user, password, run id.
 */
public final class ApprovalRunMain {

    private ApprovalRunMain() {}

    public static void main(String[] args) {
        DataSource ds = CrashingRunMain.dataSource(args[0], args[1], args[2]);
        ScriptedGenerator model = ScriptedGenerator.of(answer("{\"number\":\"INV-77\",\"total\":99.5}"));
        AtomicInteger payments = new AtomicInteger();
        ToolDescriptor pay = ToolDescriptor.of(ToolSpec.of("pay", "Pays an invoice.", """
                {"type":"object","required":["invoice","amount"],
                 "properties":{"invoice":{"type":"string"},"amount":{"type":"number"}}}"""), SideEffect.IRREVERSIBLE);
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            ToolGateway gateway = ToolGateway.builder(
                            PermissionEnvelope.builder(PolicyRef.of("payments", "1"))
                                    .grant(pay, Grant.builder().approvalRequired(true).build()).build(),
                            ledger, ApprovalQueue.jdbc(ds, Clock.systemUTC(), Duration.ofHours(1)))
                    .tool(Tool.of(pay, a -> {
                        payments.incrementAndGet();
                        return "paid " + a.path("invoice").asText();
                    }))
                    .build();
            GovernedStep<String, Invoice> extract = GovernedStep.<String, Invoice>builder("extract",
                            ArtifactType.of(Invoice.class))
                    .composer(Fixtures.invoiceComposer()).generator(model).verifier(JsonSchemaVerifier.create())
                    .build();
            Pipeline<String, String> pipeline = Pipeline.builder("pay", extract, ArtifactType.of(Invoice.class))
                    .then(Steps.tool("pay", gateway,
                            (Invoice i) -> ToolCall.of("pay-1", "pay",
                                    "{\"invoice\":\"" + i.number() + "\",\"amount\":" + i.total() + "}"),
                            (Invoice i) -> Evidence.of(Source.of("extracted", "workflow", i.toString(), Trust.TRUSTED))),
                            ArtifactType.text())
                    .checkpoints(CheckpointStore.jdbc(ds)).ledger(ledger).build();
            Outcome<String> outcome = pipeline.run(args[3], "Pay the invoice.");
            if (outcome instanceof Outcome.Escalated<String> e) {
                System.out.println("escalated " + e.pendingId());
            } else if (outcome instanceof Outcome.Accepted<String> a) {
                System.out.println("accepted " + a.value());
            } else {
                System.out.println("other " + outcome);
            }
            System.out.println("payments " + payments.get());
            System.out.println("extract generations " + model.callCount());
        }
    }
}
