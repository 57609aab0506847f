package dev.arbiter.cli.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Generator;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.langchain4j.ProviderFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Replays recorded provider responses through langchain4j's real OpenAI and Anthropic models and
 * {@code LangChain4jGenerator}: a WireMock server on loopback serves each record's status, headers and body
 * exactly as recorded, and the model under test calls it as it would call the provider.
 *
 * <p>Chat, Messages and Responses records go through a {@code Generator}; server-sent-event records through
 * the streaming model. Embeddings, moderations and legacy completions go through langchain4j's models for
 * those endpoints, with failures mapped the same way. A listing of stored chat completions replays each
 * stored completion as a chat response. Not thread-safe: one replay at a time.
 */
final class FixtureReplayer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WireMockServer server;
    private final ReplayModels models;

    FixtureReplayer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        models = new ReplayModels("http://127.0.0.1:" + server.port());
    }

    /** Replays every record, in order. */
    List<ReplayResult> replayAll(List<FixtureRecord> records) {
        List<ReplayResult> results = new ArrayList<>();
        for (FixtureRecord r : records) {
            results.add(replay(r));
        }
        return results;
    }

    /** Replays one record. */
    ReplayResult replay(FixtureRecord r) {
        return new ReplayResult(r, outcome(r), Expectation.of(r));
    }

    private ReplayOutcome outcome(FixtureRecord r) {
        if (r.method().equals("GET") && r.path().equals("/v1/chat/completions")) {
            return replayStoredCompletions(r);
        }
        serve(r.path(), r.status(), r.headers(), r.body());
        String path = r.path();
        if (path.endsWith("/chat/completions")) {
            return generate(r.streaming() ? models.openAiStreaming() : models.openAi());
        } else if (path.endsWith("/messages")) {
            return generate(r.streaming() ? models.anthropicStreaming() : models.anthropic());
        } else if (path.endsWith("/responses")) {
            return generate(r.streaming() ? models.responsesStreaming() : models.responses());
        } else if (path.endsWith("/embeddings")) {
            return answer(models::embed);
        } else if (path.endsWith("/moderations")) {
            return answer(models::moderate);
        } else if (path.endsWith("/completions")) {
            return answer(r.streaming() ? models::completeStreaming : models::complete);
        }
        return new ReplayOutcome.Failed(ArbiterException.of(dev.arbiter.core.FailureMode.PROVIDER_REJECTED,
                "no langchain4j model serves " + r.method() + " " + path));
    }

    private ReplayOutcome replayStoredCompletions(FixtureRecord r) {
        JsonNode list;
        try {
            list = MAPPER.readTree(r.body());
        } catch (Exception e) {
            return new ReplayOutcome.Failed(ProviderFailures.classify(e));
        }
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (JsonNode stored : list.path("data")) {
            serve("/v1/chat/completions", 200, Map.of("content-type", "application/json"), stored.toString());
            outcomes.add(generate(models.openAi()));
        }
        return new ReplayOutcome.Several(outcomes);
    }

    private void serve(String path, int status, Map<String, String> headers, String body) {
        server.resetAll();
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body);
        headers.forEach(response::withHeader);
        server.stubFor(any(urlPathEqualTo(path)).willReturn(response));
    }

    private static ReplayOutcome generate(Generator generator) {
        GenerationRequest request = GenerationRequest.of(Message.user("Replay the recorded response."));
        try {
            return new ReplayOutcome.Generated(generator.generate(request));
        } catch (ArbiterException e) {
            return new ReplayOutcome.Failed(e);
        } catch (RuntimeException e) {
            return new ReplayOutcome.Crashed(e);
        }
    }

    private static ReplayOutcome answer(Supplier<String> call) {
        try {
            return new ReplayOutcome.Answered(call.get());
        } catch (RuntimeException e) {
            return new ReplayOutcome.Failed(ProviderFailures.classify(e));
        }
    }

    /** The wall time one replayed call may take before it counts as a timeout. */
    static Duration callTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void close() {
        server.stop();
    }
}
