package dev.arbiter.workflow.functional;

import static dev.arbiter.workflow.Fixtures.answer;
import static dev.arbiter.workflow.Fixtures.lastUserText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.CritiqueVerifier;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.Generation;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import org.junit.jupiter.api.Test;

/**
 * Draft, critique, revise, recheck: a governed step whose verifiers are deterministic checks plus a critique. The
 * critique's findings drive the revision; the deterministic checks run again on the revision; the critique is never
 * asked about a draft a deterministic check failed.
 */
class DraftCritiqueReviseTest {

    private static Generation review(String json) {
        return Generation.builder().text(json).modelId("reviewer").build();
    }

    private static GovernedStep<String, Invoice> step(ScriptedGenerator writer, ScriptedGenerator reviewer) {
        return GovernedStep.<String, Invoice>builder("extract", ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer())
                .generator(writer)
                .verifier(CritiqueVerifier.builder().reviewer(reviewer)
                        .rubric("The total must be the gross amount including VAT.").build())
                .verifier(JsonSchemaVerifier.create())
                .build();
    }

    @Test
    void theCritiqueDrivesTheRevisionAndTheRevisionIsRecheckedDeterministically() {
        ScriptedGenerator writer = ScriptedGenerator.of(answer("{\"number\":\"INV-1\",\"total\":2000}"),
                answer("{\"number\":\"INV-1\",\"total\":2380}"));
        ScriptedGenerator reviewer = ScriptedGenerator.of(
                review("{\"verdict\":\"fail\",\"findings\":[{\"severity\":\"high\","
                        + "\"message\":\"2000 is the net amount; the gross total is 2380\",\"quote\":\"2000\"}]}"),
                review("{\"verdict\":\"pass\",\"findings\":[]}"));

        Outcome<Invoice> outcome = Pipeline.builder("p", step(writer, reviewer), ArtifactType.of(Invoice.class))
                .build().run("x");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.value()).isEqualTo(new Invoice("INV-1", 2380.0)));
        assertThat(lastUserText(writer.requests().get(1))).contains("2000 is the net amount; the gross total is 2380");
        assertThat(reviewer.callCount()).isEqualTo(2);
    }

    @Test
    void theCritiqueIsNotAskedAboutADraftADeterministicCheckFailed() {
        ScriptedGenerator writer = ScriptedGenerator.of(answer("{\"number\":7,\"total\":2380}"),
                answer("{\"number\":\"INV-1\",\"total\":2380}"));
        ScriptedGenerator reviewer = ScriptedGenerator.of(review("{\"verdict\":\"pass\",\"findings\":[]}"));

        Outcome<Invoice> outcome = Pipeline.builder("p", step(writer, reviewer), ArtifactType.of(Invoice.class))
                .build().run("x");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(reviewer.callCount()).isEqualTo(1);
        assertThat(writer.callCount()).isEqualTo(2);
    }
}
