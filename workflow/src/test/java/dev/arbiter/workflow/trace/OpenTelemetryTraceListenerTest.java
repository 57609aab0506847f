package dev.arbiter.workflow.trace;

import static dev.arbiter.workflow.Fixtures.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.Redactor;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.testing.ScriptedGenerator;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.Fixtures.Invoice;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTraceListenerTest {

    private static final String SECRET = "sk-team-SECRET-4242424242424242";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

    @AfterEach
    void close() {
        provider.close();
    }

    private Outcome<Invoice> run(ScriptedGenerator generator, boolean captureContent) {
        GovernedStep<String, Invoice> step = GovernedStep.<String, Invoice>builder("extract",
                        ArtifactType.of(Invoice.class))
                .composer(Fixtures.invoiceComposer()).generator(generator).verifier(JsonSchemaVerifier.create())
                .provider("openai").model("gpt-4o-mini").build();
        Redactor redactor = Redactor.builder().secret(SECRET).build();
        return Pipeline.builder("invoices", step, ArtifactType.of(Invoice.class))
                .listener(new OpenTelemetryTraceListener(provider.get("arbiter-test"), redactor, captureContent))
                .sleeper(d -> { })
                .build().run("Extract the invoice of jane@example.com; the key is " + SECRET);
    }

    private Map<String, SpanData> byId() {
        return exporter.getFinishedSpanItems().stream().collect(Collectors.toMap(SpanData::getSpanId,
                Function.identity()));
    }

    private SpanData parentOf(SpanData span) {
        return byId().get(span.getParentSpanId());
    }

    private List<SpanData> named(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Test
    void spansFollowTheGenAiConventionsWithRunStepAttemptAndChatNested() {
        Outcome<Invoice> outcome = run(ScriptedGenerator.of(answer("{\"number\":1,\"total\":1}"),
                answer("{\"number\":\"A-1\",\"total\":1}")), false);

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        SpanData workflow = named("invoke_workflow invoices").get(0);
        SpanData step = named("step extract").get(0);
        List<SpanData> chats = named("chat gpt-4o-mini");
        assertThat(chats).hasSize(2);
        assertThat(step.getParentSpanId()).isEqualTo(workflow.getSpanId());
        assertThat(workflow.getParentSpanContext().isValid()).isFalse();
        for (SpanData chat : chats) {
            SpanData attempt = parentOf(chat);
            assertThat(attempt.getName()).startsWith("attempt ");
            assertThat(attempt.getParentSpanId()).isEqualTo(step.getSpanId());
            assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("gpt-4o-mini");
            assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(100L);
            assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(20L);
        }
        assertThat(workflow.getTraceId()).isEqualTo(chats.get(0).getTraceId());
    }

    @Test
    void verdictsAreEvaluationResultEventsAndRemediesAreEventsOfTheStep() {
        run(ScriptedGenerator.of(answer("{\"number\":1,\"total\":1}"), answer("{\"number\":\"A-1\",\"total\":1}")),
                false);

        List<SpanData> verifies = named("verify json-schema");
        assertThat(verifies).hasSize(2);
        EventData first = verifies.get(0).getEvents().get(0);
        assertThat(first.getName()).isEqualTo("gen_ai.evaluation.result");
        List<String> labels = verifies.stream().map(v -> v.getEvents().get(0).getAttributes()
                .get(AttributeKey.stringKey("gen_ai.evaluation.score.label"))).toList();
        assertThat(labels).containsExactlyInAnyOrder("fail", "pass");
        SpanData failedAttempt = named("attempt 1").get(0);
        assertThat(failedAttempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failedAttempt.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("SCHEMA_VIOLATION");
        assertThat(named("step extract").get(0).getEvents()).extracting(EventData::getName).containsExactly("arbiter.remedy");
    }

    @Test
    void contentIsRecordedOnlyWhenEnabledAndNeverWithSecrets() {
        run(ScriptedGenerator.builder()
                .throwing(ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "503 for key " + SECRET,
                        ProviderDetail.builder().httpStatus(503).retryAfter(Duration.ZERO).build(), null))
                .respond(answer("{\"number\":\"A-1\",\"total\":1}")).build(), true);
        String everything = exporter.getFinishedSpanItems().toString();
        SpanData chat = named("chat gpt-4o-mini").get(1);

        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages"))).contains("Extract the invoice");
        assertThat(everything).doesNotContain(SECRET).doesNotContain("jane@example.com").contains("[REDACTED:secret]");
    }

    @Test
    void withoutContentNoMessagesAreRecorded() {
        run(ScriptedGenerator.of(answer("{\"number\":\"A-1\",\"total\":1}")), false);
        assertThat(exporter.getFinishedSpanItems().toString()).doesNotContain("Extract the invoice")
                .doesNotContain("gen_ai.input.messages");
    }
}
