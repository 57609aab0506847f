package dev.arbiter.core.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A provider on loopback: a WireMock server on a dynamic port replaying bodies, and langchain4j models pointed
 * at it, built as users are told to build them (no retries, {@link ArbiterHttpClientBuilder}).
 */
final class ProviderServer implements AutoCloseable {

    static final String OPENAI_PATH = "/v1/chat/completions";
    static final String ANTHROPIC_PATH = "/v1/messages";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    ProviderServer() {
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** Answers every POST to the path with the response. */
    void reply(String path, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    /** Answers every POST to the path with the status, content type, body and extra headers. */
    void reply(String path, int status, String contentType, String body, Map<String, String> headers) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(body);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-type")) {
                response.withHeader(name, value);
            }
        });
        reply(path, response);
    }

    /** Answers every POST to the path with a recorded exchange. */
    void reply(String path, ProviderFixtures.Recorded recorded) {
        reply(path, recorded.status(), recorded.contentType(), recorded.body(), recorded.headers());
    }

    void replyJson(String path, int status, String body) {
        reply(path, status, "application/json", body, Map.of());
    }

    /** The JSON bodies of the POSTs to the path, in order. */
    List<JsonNode> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(ProviderFixtures::readTree)
                .toList();
    }

    /** The single JSON body POSTed to the path. */
    JsonNode onlyRequest(String path) {
        List<JsonNode> requests = requests(path);
        if (requests.size() != 1) {
            throw new AssertionError("expected one request to " + path + ", got " + requests.size());
        }
        return requests.get(0);
    }

    ChatModel openAi() {
        return openAi(baseUrl(), TIMEOUT);
    }

    /** An OpenAI model at the given base URL with the given timeout. */
    static ChatModel openAi(String baseUrl, Duration timeout) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey("test-key")
                .modelName("gpt-4o")
                .maxRetries(0)
                .timeout(timeout)
                .httpClientBuilder(new ArbiterHttpClientBuilder())
                .build();
    }

    StreamingChatModel openAiStreaming() {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("test-key")
                .modelName("gpt-4o")
                .timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder())
                .build();
    }

    ChatModel anthropic() {
        return AnthropicChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("test-key")
                .modelName("claude-sonnet-4-5")
                .maxRetries(0)
                .timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder())
                .build();
    }

    StreamingChatModel anthropicStreaming() {
        return AnthropicStreamingChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("test-key")
                .modelName("claude-sonnet-4-5")
                .timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder())
                .build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
