package dev.arbiter.workflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.permission.ApprovalQueue;
import dev.arbiter.authority.permission.DecisionContext;
import dev.arbiter.authority.permission.GatewayResult;
import dev.arbiter.authority.permission.Grant;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.PolicyRef;
import dev.arbiter.authority.permission.Refusal;
import dev.arbiter.authority.permission.ToolGateway;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.Source;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Trust;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.trace.FailureReport;
import dev.arbiter.workflow.trace.MicrometerTraceListener;
import dev.arbiter.workflow.trace.OpenTelemetryTraceListener;
import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.workflow.trace.Slf4jTraceListener;
import dev.arbiter.workflow.trace.TraceEvent;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API keys, configured secrets and personal data, put where they really turn up (the user's request, untrusted
 * context, a provider error message, a rejected model output and its findings), never reach log lines, spans,
 * metrics, the failure report or the ledger, with content capture on and off.
 */
class SecretsTest {

    static final String API_KEY = "sk-proj-4f9QxT2mLp8vR7sK1nB6yZ3cW0dE5aH";
    static final String SECRET = "hunter2-corp-vault-7781";
    static final String EMAIL = "anna.keller@example.com";
    static final String PHONE = "+41 44 668 18 00";
    static final String IBAN = "CH93 0076 2011 6238 5295 7";
    static final String CARD = "4111 1111 1111 1111";
    static final List<String> SENSITIVE = List.of(API_KEY, SECRET, EMAIL, PHONE, IBAN, CARD,
            IBAN.replace(" ", ""), CARD.replace(" ", ""));

    @ParameterizedTest(name = "content capture {0}")
    @ValueSource(booleans = {false, true})
    void noSecretOrPersonalDataReachesLogsSpansMetricsReportsOrTheLedger(boolean capture) {
        Redactor redactor = Redactor.builder().secret(API_KEY).secret(SECRET).build();
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        FailureReport report = new FailureReport();
        Slf4jTraceListener logs = new Slf4jTraceListener(redactor, capture);
        List<String> logLines = new ArrayList<>();
        ProvenanceLedger ledger = ProvenanceLedger.inMemory(); // plain: the pipeline redacts what it appends

        ScriptedGenerator model = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "429 for key " + API_KEY
                        + " (org of " + EMAIL + ")", ProviderDetail.builder().httpStatus(429)
                        .message("Rate limit for " + API_KEY).retryAfter(Duration.ofMillis(1)).build(), null))
                .respond(Fixtures.answer("{\"number\":\"" + EMAIL + "\",\"total\":\"" + CARD + "\",\"iban\":\""
                        + IBAN + "\",\"phone\":\"" + PHONE + "\",\"secret\":\"" + SECRET + "\"}"))
                .respond(Fixtures.answer("{\"number\":\"INV-1\",\"total\":12}"))
                .build();
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer())
                .context(q -> List.of(ContextItem.untrusted("mail", "From " + EMAIL + ", call " + PHONE + ", pay "
                        + IBAN + ", card " + CARD + ", vault " + SECRET)))
                .generator(model).verifier(JsonSchemaVerifier.create()).provider("openai").model("gpt-4o-mini").build();
        Pipeline<String, Invoice> pipeline = Pipeline.builder("secrets", step, ArtifactType.of(Invoice.class))
                .ledger(ledger).redactor(redactor).sleeper(d -> { })
                .listener(new OpenTelemetryTraceListener(tracing.get("test"), redactor, capture))
                .listener(new MicrometerTraceListener(metrics, g -> BigDecimal.ZERO))
                .listener(report)
                .listener((TraceEvent e) -> logLines.add(logs.describe(e)))
                .build();

        Outcome<Invoice> outcome = pipeline.run("Invoice for " + EMAIL + " with key " + API_KEY + ", card " + CARD);

        assertThat(outcome.isAccepted()).as("%s", outcome).isTrue();
        List<String> surfaces = new ArrayList<>(logLines);
        for (SpanData span : spans.getFinishedSpanItems()) {
            surfaces.add(span.getName() + " " + span.getAttributes() + " " + span.getStatus() + " " + span.getEvents());
        }
        for (Meter meter : metrics.getMeters()) {
            surfaces.add(meter.getId().toString());
        }
        surfaces.add(report.render());
        for (ProvenanceRecord r : ledger.read(0, ledger.size())) {
            surfaces.add(r.canonicalLine());
        }
        assertThat(String.join("\n", surfaces)).as("the provider error, the rejected output and the context were seen")
                .contains("REDACTED");
        for (String s : surfaces) {
            for (String sensitive : SENSITIVE) {
                assertThat(s).as("surface leaks %s", sensitive).doesNotContain(sensitive);
            }
        }
        Reliability.figure("secrets (capture " + capture + ")", surfaces.size() + " surfaces checked (" + logLines.size()
                + " log lines, " + spans.getFinishedSpanItems().size() + " spans, " + metrics.getMeters().size()
                + " meters, the failure report, " + ledger.size() + " ledger records) for " + SENSITIVE.size()
                + " sensitive strings: 0 found");
    }

    /** The strings the standard patterns find, without any configuration. */
    static final List<String> BY_PATTERN = List.of(API_KEY, EMAIL, PHONE, IBAN, CARD, IBAN.replace(" ", ""),
            CARD.replace(" ", ""));

    /** A run whose provider error names the key, then an output quoting personal data, then the answer. */
    static Pipeline.Builder<String, Invoice> leakyRun(ProvenanceLedger ledger) {
        ScriptedGenerator model = ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "429 for key " + API_KEY + " (org of "
                        + EMAIL + ")", ProviderDetail.builder().httpStatus(429).retryAfter(Duration.ofMillis(1)).build(),
                        null))
                .respond(Fixtures.answer("{\"number\":\"" + EMAIL + "\",\"total\":\"" + CARD + "\",\"iban\":\""
                        + IBAN + "\",\"phone\":\"" + PHONE + "\"}"))
                .respond(Fixtures.answer("{\"number\":\"INV-1\",\"total\":12}"))
                .build();
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class)).composer(Fixtures.invoiceComposer())
                .generator(model).verifier(JsonSchemaVerifier.create()).build();
        return Pipeline.builder("secrets", step, ArtifactType.of(Invoice.class)).ledger(ledger).sleeper(d -> { });
    }

    static String lines(ProvenanceLedger ledger) {
        StringBuilder out = new StringBuilder();
        ledger.read(0, ledger.size()).forEach(r -> out.append(r.canonicalLine()).append('\n'));
        return out.toString();
    }

    @org.junit.jupiter.api.Test
    void aPlainLedgerGivenToAPipelineAndAToolGatewayIsRedactedByDefaultAndStillVerifies() {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        assertThat(leakyRun(ledger).build().run("Invoice for " + EMAIL).isAccepted()).isTrue();
        ToolGateway gateway = ToolGateway.builder(PermissionEnvelope.builder(PolicyRef.of("mail", "1"))
                        .grant(HostileModelTest.SEND_EMAIL, Grant.builder().untrustedValues(Refusal.DENY).build()).build(),
                ledger, ApprovalQueue.inMemory(Clock.systemUTC(), Duration.ofHours(1))).build();
        GatewayResult refused = gateway.handle(ToolCall.of("c", "send_email", "{\"to\":\"" + EMAIL + "\",\"body\":\"IBAN "
                + IBAN + ", card " + CARD + ", key " + API_KEY + "\"}"), DecisionContext.of("run-mail", Evidence.of(
                Source.of("mail", "Write to " + EMAIL + " about " + IBAN, Trust.UNTRUSTED))));

        assertThat(refused).isInstanceOf(GatewayResult.Refused.class);
        String stored = lines(ledger);
        assertThat(stored).contains("[REDACTED:api-key]", "[REDACTED:email]", "provenance:to");
        for (String sensitive : BY_PATTERN) {
            assertThat(stored).as("the ledger stores %s", sensitive).doesNotContain(sensitive);
        }
        assertThat(ledger.verify().isValid()).isTrue();
        Reliability.figure("secrets (default redaction)", ledger.size() + " records appended by a pipeline and a tool "
                + "gateway to a plain ledger, no redactor configured: 0 of " + BY_PATTERN.size()
                + " pattern-found strings stored; chain valid");
    }

    @org.junit.jupiter.api.Test
    void theOptOutStoresTheTextAsItIs() {
        ProvenanceLedger ledger = ProvenanceLedger.inMemory();
        assertThat(leakyRun(ledger).redactor(Redactor.none()).build().run("Invoice").isAccepted()).isTrue();
        assertThat(lines(ledger)).contains(API_KEY);
    }
}
