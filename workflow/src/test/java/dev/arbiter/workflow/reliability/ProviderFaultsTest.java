package dev.arbiter.workflow.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerdictSummary;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generator;
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
import dev.arbiter.workflow.trace.TraceEvent;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Provider faults on a full pipeline: langchain4j's OpenAI models (blocking and streaming) against WireMock serving
 * recorded bodies and broken ones. Every case must end in the expected outcome and failure mode with the expected
 * remedies, {@code Pipeline.run} must not throw, nothing unverified may be accepted, and every failed attempt must
 * have its own ledger record naming its failure mode.
 */
class ProviderFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static final Map<String, Integer> TALLY = new TreeMap<>();

    record Weather(String city, int temperature, String units) {}

    /**
     * One fault case.
     *
     * @param name what is served
     * @param streaming whether the step uses the streaming model
     * @param replies the responses, in order (the last one repeats)
     * @param outcome the expected outcome kind: accepted, rejected, escalated, failed
     * @param mode the failure mode of a non-accepted outcome; for an accepted one, the mode of the failed attempts
     * @param remedies the remedies the step must take, in order
     * @param failedAttempts how many attempts failed (each needs its own ledger record)
     */
    record Case(String name, boolean streaming, List<ResponseDefinitionBuilder> replies, String outcome,
            FailureMode mode, List<String> remedies, int failedAttempts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    private final Fixtures.Recorder trace = new Fixtures.Recorder();
    private final ProvenanceLedger ledger = ProvenanceLedger.inMemory();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @AfterAll
    static void figures() {
        if (!TALLY.isEmpty()) {
            Reliability.figure("provider faults", TALLY.toString());
        }
    }

    // ---- bodies ----------------------------------------------------------------------------------------------

    private static JsonNode line(String file, int index) {
        try {
            List<String> lines = Files.readAllLines(Reliability.data().resolve("provider-fixtures").resolve(file));
            return JSON.readTree(lines.get(index));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The recorded completion {"city":"San Francisco","temperature":65,"units":"f"}. */
    static ResponseDefinitionBuilder ok() {
        return json(200, line("openai_chat_recorded.jsonl", 0).path("body").toString());
    }

    /** The recorded completion with its content replaced. */
    static ResponseDefinitionBuilder content(String content, String finishReason) {
        ObjectNode body = line("openai_chat_recorded.jsonl", 0).path("body").deepCopy();
        ObjectNode choice = (ObjectNode) body.path("choices").get(0);
        ((ObjectNode) choice.path("message")).put("content", content);
        choice.put("finish_reason", finishReason);
        return json(200, body.toString());
    }

    /** The recorded completion as a refusal (OpenAI's {@code refusal} field, no content). */
    static ResponseDefinitionBuilder refusal() {
        ObjectNode body = line("openai_chat_recorded.jsonl", 0).path("body").deepCopy();
        ObjectNode message = (ObjectNode) body.path("choices").get(0).path("message");
        message.putNull("content");
        message.put("refusal", "I'm sorry, I can't help with that request.");
        return json(200, body.toString());
    }

    static ResponseDefinitionBuilder sse(int index) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(line("openai_chat_recorded.jsonl", index).path("body_text").asText());
    }

    /** Recorded stream 6 cut after its last content chunk: the whole JSON arrived, the finish reason did not. */
    static ResponseDefinitionBuilder truncatedSse() {
        String body = line("openai_chat_recorded.jsonl", 6).path("body_text").asText();
        int cut = body.indexOf("\"finish_reason\":\"stop\"");
        cut = body.lastIndexOf("data: ", cut);
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(body.substring(0, cut));
    }

    static ResponseDefinitionBuilder error(int index, String... headers) {
        JsonNode r = line("error_bodies_from_issues.jsonl", index);
        ResponseDefinitionBuilder b = json(r.path("http_status").asInt(), r.path("body").toString());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.withHeader(headers[i], headers[i + 1]);
        }
        return b;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder status(int status, String type, String message) {
        return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                + "\",\"param\":null,\"code\":null}}");
    }

    /** Anthropic's documented overloaded body, sent with its 529. */
    static ResponseDefinitionBuilder overloaded() {
        return json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    static ResponseDefinitionBuilder fault(Fault fault) {
        return aResponse().withFault(fault);
    }

    static ResponseDefinitionBuilder slow() {
        return ok().withFixedDelay(3_000);
    }

    // ---- the cases -----------------------------------------------------------------------------------------

    private static List<ResponseDefinitionBuilder> seq(ResponseDefinitionBuilder... r) {
        return List.of(r);
    }

    private static List<ResponseDefinitionBuilder> times(int n, ResponseDefinitionBuilder r,
            ResponseDefinitionBuilder then) {
        List<ResponseDefinitionBuilder> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r);
        }
        out.add(then);
        return out;
    }

    private static List<String> backOffs(int n) {
        return java.util.Collections.nCopies(n, "BACK_OFF");
    }

    static Stream<Case> cases() {
        FailureMode unavailable = FailureMode.PROVIDER_UNAVAILABLE;
        String schemaBreak = "{\"city\":\"San Francisco\",\"temperature\":\"65\",\"units\":\"f\"}";
        return Stream.of(
                new Case("connection reset, then ok", false, seq(fault(Fault.CONNECTION_RESET_BY_PEER), ok()),
                        "accepted", unavailable, backOffs(1), 1),
                new Case("connection reset, every time", false, seq(fault(Fault.CONNECTION_RESET_BY_PEER)),
                        "failed", unavailable, backOffs(4), 5),
                new Case("empty response (connection closed), then ok", false,
                        seq(fault(Fault.EMPTY_RESPONSE), ok()), "accepted", unavailable, backOffs(1), 1),
                new Case("garbage then close, then ok", false, seq(fault(Fault.RANDOM_DATA_THEN_CLOSE), ok()),
                        "accepted", unavailable, backOffs(1), 1),
                new Case("malformed chunked body, then ok", false, seq(fault(Fault.MALFORMED_RESPONSE_CHUNK), ok()),
                        "accepted", unavailable, backOffs(1), 1),
                new Case("200 with an empty body, then ok", false, seq(json(200, ""), ok()), "accepted",
                        unavailable, backOffs(1), 1),
                new Case("200 with malformed JSON, then ok", false,
                        seq(json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"content\":\"{\\\"ci"),
                                ok()),
                        "accepted", unavailable, backOffs(1), 1),
                new Case("200 with an error body, then ok", false, seq(json(200,
                        line("error_bodies_from_issues.jsonl", 3).path("body").toString()), ok()), "accepted",
                        unavailable, backOffs(1), 1),
                new Case("response slower than the timeout, then ok", false, seq(slow(), ok()), "accepted",
                        unavailable, backOffs(1), 1),
                new Case("429 with Retry-After, then ok", false, seq(error(2, "Retry-After", "7"), ok()),
                        "accepted", unavailable, backOffs(1), 1),
                new Case("429 without Retry-After (recorded body), then ok", false,
                        seq(status(429, "requests", "Rate limit reached for requests"), ok()), "accepted",
                        unavailable, backOffs(1), 1),
                new Case("500 burst of 3, then ok", false, times(3, error(3), ok()), "accepted", unavailable,
                        backOffs(3), 3),
                new Case("503 burst of 3, then ok", false,
                        times(3, status(503, "server_error", "The engine is currently overloaded"), ok()),
                        "accepted", unavailable, backOffs(3), 3),
                new Case("529 burst of 3, then ok", false, times(3, overloaded(), ok()), "accepted", unavailable,
                        backOffs(3), 3),
                new Case("500 without end", false, seq(error(3)), "failed", unavailable, backOffs(4), 5),
                new Case("400 context_length_exceeded, then ok", false, seq(error(0), ok()), "accepted",
                        FailureMode.CONTEXT_OVERFLOW, List.of("SHRINK_CONTEXT"), 1),
                new Case("400 context_length_exceeded without end", false, seq(error(1)), "failed",
                        FailureMode.CONTEXT_OVERFLOW, java.util.Collections.nCopies(4, "SHRINK_CONTEXT"), 5),
                new Case("401 invalid key", false, seq(status(401, "invalid_request_error",
                        "Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com")),
                        "failed", FailureMode.PROVIDER_REJECTED, List.of("ABORT"), 1),
                new Case("429 insufficient_quota", false, seq(json(429, "{\"error\":{\"message\":\"You exceeded your "
                        + "current quota\",\"type\":\"insufficient_quota\",\"param\":null,"
                        + "\"code\":\"insufficient_quota\"}}")), "failed", FailureMode.PROVIDER_REJECTED,
                        List.of("ABORT"), 1),
                new Case("refusal", false, seq(refusal()), "escalated", FailureMode.REFUSAL, List.of("ESCALATE"), 1),
                new Case("content filter (Azure 400)", false, seq(error(4)), "escalated",
                        FailureMode.CONTENT_FILTERED, List.of("ESCALATE"), 1),
                new Case("content filter (finish reason)", false, seq(content("", "content_filter")), "escalated",
                        FailureMode.CONTENT_FILTERED, List.of("ESCALATE"), 1),
                new Case("finish reason length, then ok", false, seq(content("{\"city\":\"San Fr", "length"), ok()),
                        "accepted", FailureMode.TRUNCATED, List.of("RAISE_LIMIT"), 1),
                new Case("schema break, then ok", false, seq(content(schemaBreak, "stop"), ok()), "accepted",
                        FailureMode.SCHEMA_VIOLATION, List.of("REPAIR"), 1),
                new Case("schema break without end", false, seq(content(schemaBreak, "stop")), "rejected",
                        FailureMode.SCHEMA_VIOLATION, java.util.Collections.nCopies(4, "REPAIR"), 5),
                new Case("stream: recorded", true, seq(sse(6)), "accepted", null, List.of(), 0),
                new Case("stream: cut before its finish reason, then ok", true, seq(truncatedSse(), sse(6)),
                        "accepted", unavailable, backOffs(1), 1),
                new Case("stream: cut before its finish reason, every time", true, seq(truncatedSse()), "failed",
                        unavailable, backOffs(4), 5),
                new Case("stream: connection reset, then ok", true,
                        seq(fault(Fault.CONNECTION_RESET_BY_PEER), sse(6)), "accepted", unavailable, backOffs(1), 1),
                new Case("stream: 200 with an empty body, then ok", true, seq(json(200, ""), sse(6)), "accepted",
                        unavailable, backOffs(1), 1),
                new Case("stream: 200 with a JSON body that is not an event stream, then ok", true,
                        seq(json(200, "{\"choices\":[{"), sse(6)), "accepted", unavailable, backOffs(1), 1),
                new Case("stream: recorded refusal", true, seq(sse(9)), "escalated", FailureMode.REFUSAL,
                        List.of("ESCALATE"), 1),
                new Case("stream: recorded length cut, then ok", true, seq(sse(8), sse(6)), "accepted",
                        FailureMode.TRUNCATED, List.of("RAISE_LIMIT"), 1),
                new Case("stream: 500 burst of 2, then ok", true, times(2, error(3), sse(6)), "accepted",
                        unavailable, backOffs(2), 2));
    }

    private void replies(List<ResponseDefinitionBuilder> responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.size(); i++) {
            String next = i + 1 < responses.size() ? "call-" + (i + 1) : state;
            server.stubFor(post(urlEqualTo(PATH)).inScenario("run").whenScenarioStateIs(state)
                    .willReturn(responses.get(i)).willSetStateTo(next));
            state = next;
        }
    }

    private Generator generator(boolean streaming) {
        String base = "http://127.0.0.1:" + server.port() + "/v1";
        if (streaming) {
            return LangChain4jGenerator.of(OpenAiStreamingChatModel.builder().baseUrl(base).apiKey("sk-test")
                    .modelName("gpt-4o").timeout(Duration.ofSeconds(1))
                    .httpClientBuilder(new ArbiterHttpClientBuilder()).build());
        }
        return LangChain4jGenerator.of(OpenAiChatModel.builder().baseUrl(base).apiKey("sk-test").modelName("gpt-4o")
                .maxRetries(0).timeout(Duration.ofSeconds(1)).httpClientBuilder(new ArbiterHttpClientBuilder())
                .build());
    }

    private Pipeline<String, String> pipeline(Generator generator) {
        return Pipeline.builder("forecast", weatherStep(generator), ArtifactType.of(Weather.class))
                .then(Steps.of("say", (Weather w) -> w.city() + " " + w.temperature() + w.units()), ArtifactType.text())
                .sleeper(sleeper).ledger(ledger).listener(trace).random(new Random(7)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyFaultEndsInItsModeAndRemedyWithARecordOfEachFailure(Case c) {
        replies(c.replies());

        Outcome<String> outcome = pipeline(generator(c.streaming())).run("run-" + c.name().hashCode(), "Weather in SF?");

        assertThat(kind(outcome)).as("%s: %s", c.name(), outcome).isEqualTo(c.outcome());
        if (!outcome.isAccepted()) {
            assertThat(mode(outcome)).as("%s: %s", c.name(), outcome).isEqualTo(c.mode());
        }
        List<String> remedies = trace.of(TraceEvent.RemedyTaken.class).stream().map(TraceEvent.RemedyTaken::remedy)
                .toList();
        assertThat(remedies).as("%s: remedies", c.name()).isEqualTo(c.remedies());
        assertThat(trace.of(TraceEvent.RemedyTaken.class)).allSatisfy(r -> assertThat(r.failureMode())
                .as("%s: mode of each remedy", c.name()).isEqualTo(c.mode()));
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).as("%s: requests", c.name())
                .hasSize(c.failedAttempts() + (outcome.isAccepted() ? 1 : 0));

        List<ProvenanceRecord> step = ledger.read(0, ledger.size()).stream()
                .filter(r -> r.entry().step().equals("weather")).toList();
        List<ProvenanceRecord> failures = step.stream().filter(r -> r.entry().decision() != Decision.ACCEPTED)
                .toList();
        assertThat(failures).as("%s: one ledger record per failed attempt", c.name()).hasSize(c.failedAttempts());
        assertThat(failures).allSatisfy(r -> assertThat(r.entry().note()).as("%s: ledger note", c.name())
                .hasValueSatisfying(n -> assertThat(n).startsWith(c.mode().name())));
        if (outcome.isAccepted()) {
            assertThat(((Outcome.Accepted<String>) outcome).value()).isIn("San Francisco 65f", "San Francisco 61f");
            ProvenanceRecord accepted = step.get(step.size() - 1);
            assertThat(accepted.entry().decision()).isEqualTo(Decision.ACCEPTED);
            assertThat(accepted.entry().verdicts()).isNotEmpty().allSatisfy(v -> assertThat(v.outcome())
                    .isEqualTo(VerdictSummary.Outcome.PASS));
        } else {
            assertThat(step).noneSatisfy(r -> assertThat(r.entry().decision()).isEqualTo(Decision.ACCEPTED));
        }
        assertThat(ledger.verify().isValid()).isTrue();
        synchronized (TALLY) {
            TALLY.merge(kind(outcome) + (outcome.isAccepted() ? "" : " " + mode(outcome)), 1, Integer::sum);
        }
    }

    @Test
    void aRetryAfterIsHonouredAndBackOffWithoutOneStaysUnderItsCap() {
        replies(seq(error(2, "Retry-After", "7"), status(429, "requests", "Rate limit reached"), ok()));

        Outcome<String> outcome = pipeline(generator(false)).run("Weather in SF?");

        assertThat(outcome.isAccepted()).isTrue();
        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        assertThat(sleeper.waits.get(1)).isLessThanOrEqualTo(Duration.ofSeconds(1)); // 500 ms doubled once
    }

    /** Random sequences of the faults above, each followed by a good answer or not: the same properties hold. */
    @Test
    void randomFaultSequencesNeverEscapeAndNeverAcceptTheUnverified() {
        List<ResponseDefinitionBuilder> transientFaults = List.of(fault(Fault.CONNECTION_RESET_BY_PEER),
                fault(Fault.EMPTY_RESPONSE), json(200, ""), json(200, "{\"choices\":[{"), error(3), overloaded(),
                error(2, "Retry-After", "1"), status(503, "server_error", "overloaded"), truncatedSse());
        List<String> names = List.of("reset", "empty response", "200 empty body", "200 malformed JSON", "500", "529",
                "429 Retry-After", "503", "truncated stream");
        int runs = Reliability.scale(12, 200);
        Random random = new Random(20250601);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int run = 0; run < runs; run++) {
            server.resetAll();
            boolean streaming = random.nextBoolean();
            List<ResponseDefinitionBuilder> replies = new ArrayList<>();
            int faults = random.nextInt(7);
            List<String> served = new ArrayList<>();
            for (int i = 0; i < faults; i++) {
                int k = random.nextInt(transientFaults.size());
                replies.add(transientFaults.get(k));
                served.add(names.get(k));
            }
            replies.add(streaming ? sse(6) : ok());
            replies(replies);
            ProvenanceLedger runLedger = ProvenanceLedger.inMemory();
            Outcome<Weather> outcome = Pipeline.builder("forecast", weatherStep(generator(streaming)),
                    ArtifactType.of(Weather.class)).sleeper(sleeper).ledger(runLedger).build().run("r" + run, "SF?");
            int requests = server.findAll(postRequestedFor(urlEqualTo(PATH))).size();
            if (faults <= 4) {
                assertThat(outcome.isAccepted()).as("run %d: %s to the %s model: %s", run, served,
                        streaming ? "streaming" : "blocking", outcome).isTrue();
            } else {
                assertThat(outcome).as("run %d: %s to the %s model", run, served, streaming ? "streaming" : "blocking")
                        .isInstanceOf(Outcome.Failed.class);
                assertThat(mode(outcome)).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
            }
            long failureRecords = runLedger.read(0, runLedger.size()).stream()
                    .filter(r -> r.entry().decision() != Decision.ACCEPTED).count();
            assertThat(failureRecords).as("run %d: a record per failed attempt", run)
                    .isEqualTo(requests - (outcome.isAccepted() ? 1 : 0));
            outcomes.merge(kind(outcome), 1, Integer::sum);
        }
        Reliability.figure("random provider fault sequences", runs + " runs, 0 to 6 faults each: " + outcomes);
    }

    private GovernedStep<String, Weather> weatherStep(Generator generator) {
        return GovernedStep.<String, Weather>builder("weather", ArtifactType.of(Weather.class))
                .composer(Fixtures.composer(OutputSpec.builder().schema(ResponseSchema.of("weather", """
                        {"type":"object","required":["city","temperature","units"],"additionalProperties":false,
                         "properties":{"city":{"type":"string"},"temperature":{"type":"integer"},
                                       "units":{"type":"string","enum":["c","f"]}}}""")).build()))
                .generator(generator).verifier(JsonSchemaVerifier.create()).maxAttempts(5)
                .provider("openai").model("gpt-4o").build();
    }

    static String kind(Outcome<?> o) {
        return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    static FailureMode mode(Outcome<?> o) {
        if (o instanceof Outcome.Failed<?> f) {
            return f.failure().mode();
        }
        if (o instanceof Outcome.Escalated<?> e) {
            return e.mode();
        }
        if (o instanceof Outcome.Rejected<?> r) {
            return r.findings().get(0).mode();
        }
        return null;
    }
}
