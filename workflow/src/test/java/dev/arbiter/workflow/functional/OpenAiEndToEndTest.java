package dev.arbiter.workflow.functional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.langchain4j.ArbiterHttpClientBuilder;
import dev.arbiter.core.langchain4j.LangChain4jGenerator;
import dev.arbiter.steering.constraint.OutputSpec;
import dev.arbiter.workflow.ArtifactType;
import dev.arbiter.workflow.Fixtures;
import dev.arbiter.workflow.GovernedStep;
import dev.arbiter.workflow.Outcome;
import dev.arbiter.workflow.Pipeline;
import dev.arbiter.workflow.Steps;
import dev.arbiter.workflow.trace.FailureReport;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full pipeline over langchain4j's OpenAI model against a WireMock server replaying real recorded bodies
 * (openai-python's recorded completions, error bodies quoted in public issues), with a provider error mid-run.
 */
class OpenAiEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";

    record Weather(String city, int temperature, String units) {}

    record Event(String name, String date, List<String> participants) {}

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    private final ProvenanceLedger ledger = ProvenanceLedger.inMemory();
    private final FailureReport report = new FailureReport();

    OpenAiEndToEndTest() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static Path data() {
        String dir = System.getProperty("arbiter.data.dir");
        return dir != null ? Path.of(dir) : Path.of("../../shared/data");
    }

    private static JsonNode line(String file, int index) throws IOException {
        List<String> lines = Files.readAllLines(data().resolve("provider-fixtures").resolve(file));
        return JSON.readTree(lines.get(index));
    }

    private static ResponseDefinitionBuilder recorded(int index) throws IOException {
        JsonNode r = line("openai_chat_recorded.jsonl", index);
        return aResponse().withStatus(r.path("http_status").asInt()).withHeader("Content-Type", "application/json")
                .withBody(r.path("body").toString());
    }

    private static ResponseDefinitionBuilder error(int index, String... headers) throws IOException {
        JsonNode r = line("error_bodies_from_issues.jsonl", index);
        ResponseDefinitionBuilder b = aResponse().withStatus(r.path("http_status").asInt())
                .withHeader("Content-Type", "application/json").withBody(r.path("body").toString());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.withHeader(headers[i], headers[i + 1]);
        }
        return b;
    }

    /** Answers the POSTs in order with the given responses. */
    private void replies(ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = "call-" + (i + 1);
            server.stubFor(post(urlEqualTo(PATH)).inScenario("run").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    private Pipeline<String, Event> pipeline() {
        LangChain4jGenerator openAi = LangChain4jGenerator.of(OpenAiChatModel.builder()
                .baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey("test-key").modelName("gpt-4o")
                .maxRetries(0).timeout(Duration.ofSeconds(5)).httpClientBuilder(new ArbiterHttpClientBuilder())
                .build());
        GovernedStep<String, Weather> weather = GovernedStep.<String, Weather>builder("weather",
                        ArtifactType.of(Weather.class))
                .composer(Fixtures.composer(OutputSpec.builder().schema(ResponseSchema.of("weather", """
                        {"type":"object","required":["city","temperature","units"],"additionalProperties":false,
                         "properties":{"city":{"type":"string"},"temperature":{"type":"integer"},
                                       "units":{"type":"string","enum":["c","f"]}}}""")).build()))
                .generator(openAi).verifier(JsonSchemaVerifier.create()).provider("openai").model("gpt-4o")
                .build();
        GovernedStep<String, Event> event = GovernedStep.<String, Event>builder("event", ArtifactType.of(Event.class))
                .composer(Fixtures.composer(OutputSpec.builder().schema(ResponseSchema.of("event", """
                        {"type":"object","required":["name","date","participants"],"additionalProperties":false,
                         "properties":{"name":{"type":"string"},"date":{"type":"string"},
                                       "participants":{"type":"array","items":{"type":"string"}}}}""")).build()))
                .generator(openAi).verifier(JsonSchemaVerifier.create()).provider("openai").model("gpt-4o")
                .build();
        return Pipeline.builder("plan", weather, ArtifactType.of(Weather.class))
                .then(Steps.of("ask", (Weather w) -> "Plan an event in " + w.city() + " at " + w.temperature()
                        + w.units()), ArtifactType.text())
                .then(event, ArtifactType.of(Event.class))
                .sleeper(sleeper).ledger(ledger).listener(report).build();
    }

    private List<Decision> decisions() {
        return ledger.read(0, ledger.size()).stream().map(r -> r.entry().decision()).toList();
    }

    @Test
    void aRateLimitMidRunIsBackedOffWithItsRetryAfterAndTheRunCompletes() throws IOException {
        replies(recorded(0), error(2, "Retry-After", "3"), recorded(2));

        Outcome<Event> outcome = pipeline().run("Weather in SF?");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class, a -> assertThat(a.value())
                .isEqualTo(new Event("Science Fair", "Friday", List.of("Alice", "Bob"))));
        assertThat(sleeper.waits).hasSize(1);
        assertThat(sleeper.waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        List<JsonNode> sent = server.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(r -> readTree(r.getBodyAsString())).toList();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).isEqualTo(sent.get(2));
        assertThat(sent.get(1).toString()).contains("Plan an event in San Francisco at 65f");
        assertThat(decisions()).containsExactly(Decision.ACCEPTED, Decision.ACCEPTED, Decision.REJECTED,
                Decision.ACCEPTED);
        assertThat(report.rows()).containsExactly(
                new FailureReport.Row(FailureMode.PROVIDER_UNAVAILABLE, "BACK_OFF", 1, 1));
    }

    @Test
    void aServerErrorMidRunIsRetried() throws IOException {
        replies(recorded(1), error(3), recorded(2));

        Outcome<Event> outcome = pipeline().run("Weather in SF?");

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void aContentFilterMidRunEscalatesAndShipsNothing() throws IOException {
        replies(recorded(0), error(4));

        Outcome<Event> outcome = pipeline().run("run-cf", "Weather in SF?");

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Escalated.class, e -> {
            assertThat(e.mode()).isEqualTo(FailureMode.CONTENT_FILTERED);
            assertThat(e.pendingId()).isEqualTo("run-cf/event");
        });
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
        assertThat(decisions()).containsExactly(Decision.ACCEPTED, Decision.ACCEPTED, Decision.ESCALATED);
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
