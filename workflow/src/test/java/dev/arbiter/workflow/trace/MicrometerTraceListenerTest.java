package dev.arbiter.workflow.trace;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.PriceTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MicrometerTraceListenerTest {

    @Test
    void tokensCostVerdictsRemediesAndRunsAreCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PriceTable prices = PriceTable.defaults();
        ScriptedGenerator generator = ScriptedGenerator.of(answer("{\"number\":1,\"total\":1}"),
                answer("{\"number\":\"A-1\",\"total\":1}"));
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(generator).verifier(JsonSchemaVerifier.create())
                .provider("openai").build();
        Pipeline.builder("invoices", step, ArtifactType.of(Invoice.class))
                .listener(new MicrometerTraceListener(registry,
                        g -> prices.priceOf(g.modelId()).map(p -> p.cost(g.usage())).orElse(BigDecimal.ZERO)))
                .build().run("x");

        assertThat(registry.get("arbiter.tokens").tag("type", "input").tag("model", "gpt-4o-mini").counter().count())
                .isEqualTo(200.0);
        assertThat(registry.get("arbiter.tokens").tag("type", "output").counter().count()).isEqualTo(40.0);
        // gpt-4o-mini: 2 * (100 * 0.15 + 20 * 0.60) / 1M = 0.000054
        assertThat(registry.get("arbiter.cost").counter().count()).isCloseTo(0.000054, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(registry.get("arbiter.verdicts").tag("verifier", "json-schema").tag("outcome", "fail")
                .tag("mode", "SCHEMA_VIOLATION").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("arbiter.verdicts").tag("outcome", "pass").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("arbiter.remedies").tag("remedy", "REPAIR").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("arbiter.runs").tag("outcome", "accepted").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("arbiter.generation.latency").tag("provider", "openai").timer().count()).isEqualTo(2);
    }
}
