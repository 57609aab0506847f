package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;

import dev.arbiter.core.Generator;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Steps;
import java.util.function.Function;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A JVM that runs the booking pipeline on PostgreSQL checkpoints and dies (Runtime.halt, no shutdown hooks) in
 * the middle of its second step. Arguments: JDBC URL, user, password, run id.
 */
public final class CrashingRunMain {

    private CrashingRunMain() {}

    static Pipeline<String, String> pipeline(Generator generator, CheckpointStore store,
            Function<Invoice, String> book) {
        GovernedStep<String, Invoice> extract = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(generator).verifier(JsonSchemaVerifier.create())
                .build();
        return Pipeline.builder("book", extract, ArtifactType.of(Invoice.class))
                .then(Steps.of("book", book), ArtifactType.text()).checkpoints(store).build();
    }

    static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    public static void main(String[] args) {
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":\"INV-77\",\"total\":99.5}"));
        pipeline(generator, CheckpointStore.jdbc(dataSource(args[0], args[1], args[2])), invoice -> {
            System.out.println("crashing after " + generator.callCount() + " generation(s)");
            System.out.flush();
            Runtime.getRuntime().halt(3);
            return "unreachable";
        }).run(args[3], "Book the invoice.");
        System.exit(1);
    }
}
