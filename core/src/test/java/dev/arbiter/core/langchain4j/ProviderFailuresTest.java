package dev.arbiter.core.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.arbiter.core.langchain4j.ProviderServer.ANTHROPIC_PATH;
import static dev.arbiter.core.langchain4j.ProviderServer.OPENAI_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.NonRetriableException;
import dev.arbiter.core.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider failures end to end: a langchain4j model against a loopback server, through the generator. */
class ProviderFailuresTest {

    private static final GenerationRequest ASK = GenerationRequest.of(Message.user("Summarise the contract."));

    private final ProviderServer server = new ProviderServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private ArbiterException openAiFails() {
        return fails(server.openAi());
    }

    private ArbiterException anthropicFails() {
        return fails(server.anthropic());
    }

    private static ArbiterException fails(ChatModel model) {
        ArbiterException e = catchThrowableOfType(ArbiterException.class,
                () -> LangChain4jGenerator.of(model).generate(ASK));
        assertThat(e).as("the generator throws an ArbiterException").isNotNull();
        return e;
    }

    @Test
    void recordedContextLengthExceededIsContextOverflow() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.ERRORS, 0));

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.CONTEXT_OVERFLOW);
        assertThat(e).isInstanceOf(RetriableException.class);
        assertThat(e.detail().httpStatus()).hasValue(400);
        assertThat(e.detail().errorCode()).contains("context_length_exceeded");
        assertThat(e.detail().errorType()).contains("invalid_request_error");
        assertThat(e.detail().message()).hasValueSatisfying(m -> assertThat(m).contains("maximum context length is 4097"));
    }

    @Test
    void recordedRateLimitIsUnavailableWithTheRetryAfterHintOfTheMessage() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.ERRORS, 2));

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).isInstanceOf(RetriableException.class);
        assertThat(e.detail().httpStatus()).hasValue(429);
        assertThat(e.detail().errorCode()).contains("rate_limit_exceeded");
        assertThat(e.detail().errorType()).contains("tokens");
        assertThat(e.detail().retryAfter()).contains(Duration.ofMillis(6));
    }

    @Test
    void recordedServerErrorIsUnavailableWithTheRequestIdOfTheMessage() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.ERRORS, 3));

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().httpStatus()).hasValue(500);
        assertThat(e.detail().errorType()).contains("server_error");
        assertThat(e.detail().requestId()).contains("e5c949c8ec2c86be225544e5eefcbe4d");
    }

    @Test
    void recordedAzureContentFilterIsContentFiltered() {
        server.reply(OPENAI_PATH, ProviderFixtures.load(ProviderFixtures.ERRORS, 4));

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.CONTENT_FILTERED);
        assertThat(e).isInstanceOf(NonRetriableException.class);
        assertThat(e.detail().httpStatus()).hasValue(400);
        assertThat(e.detail().errorCode()).contains("content_filter");
    }

    @Test
    void recordedAnthropicRateLimitIsUnavailableWithTheRequestIdOfTheBody() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 4));

        ArbiterException e = anthropicFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().httpStatus()).hasValue(429);
        assertThat(e.detail().errorType()).contains("rate_limit_error");
        assertThat(e.detail().requestId()).contains("req_011CYK5n67SytMUxm8WMZUWY");
    }

    @Test
    void recordedAnthropicInvalidRequestIsRejected() {
        server.reply(ANTHROPIC_PATH, ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 17));

        ArbiterException e = anthropicFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(e).isInstanceOf(NonRetriableException.class);
        assertThat(e.detail().httpStatus()).hasValue(400);
        assertThat(e.detail().errorType()).contains("invalid_request_error");
        assertThat(e.detail().requestId()).contains("req_011CYHyk9NPsBYeGbC9LuDNK");
        assertThat(e).hasMessageContaining("unexpected `tool_use_id`");
    }

    @Test
    void anthropicOverloadedIsUnavailable() {
        server.replyJson(ANTHROPIC_PATH, 529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
                        + "\"request_id\":\"req_overloaded_1\"}");

        ArbiterException e = anthropicFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().httpStatus()).hasValue(529);
        assertThat(e.detail().errorType()).contains("overloaded_error");
        assertThat(e.detail().requestId()).contains("req_overloaded_1");
    }

    @Test
    void anthropicPromptTooLongIsContextOverflow() {
        server.replyJson(ANTHROPIC_PATH, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"prompt is too long: 208310 tokens > 200000 maximum\"}}");

        ArbiterException e = anthropicFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.CONTEXT_OVERFLOW);
        assertThat(e.detail().errorType()).contains("invalid_request_error");
    }

    @Test
    void anthropicInputAndMaxTokensExceedingTheContextLimitIsContextOverflow() {
        server.replyJson(ANTHROPIC_PATH, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"input length and `max_tokens` exceed context limit: 197845 + 21333 > 200000, "
                + "decrease input length or `max_tokens` and try again\"}}");

        assertThat(anthropicFails().failureMode()).isEqualTo(FailureMode.CONTEXT_OVERFLOW);
    }

    @Test
    void insufficientQuotaIsRejectedEvenThoughItComesAsA429() {
        server.replyJson(OPENAI_PATH, 429, "{\"error\":{\"message\":\"You exceeded your current quota, please check "
                + "your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
                + "\"code\":\"insufficient_quota\"}}");

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(e).isInstanceOf(NonRetriableException.class);
        assertThat(e.detail().httpStatus()).hasValue(429);
        assertThat(e.detail().errorCode()).contains("insufficient_quota");
    }

    @Test
    void invalidApiKeyIsRejected() {
        server.replyJson(OPENAI_PATH, 401, "{\"error\":{\"message\":\"Incorrect API key provided: test-key.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(e.detail().httpStatus()).hasValue(401);
        assertThat(e.detail().errorCode()).contains("invalid_api_key");
        assertThat(e).hasMessageContaining("credentials");
    }

    @Test
    void missingPermissionIsRejected() {
        server.replyJson(ANTHROPIC_PATH, 403, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\","
                + "\"message\":\"Your API key does not have permission to use the specified resource.\"}}");

        ArbiterException e = anthropicFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(e.detail().httpStatus()).hasValue(403);
        assertThat(e.detail().errorType()).contains("permission_error");
    }

    @Test
    void unknownModelIsRejected() {
        server.replyJson(OPENAI_PATH, 404, "{\"error\":{\"message\":\"The model `gpt-4o` does not exist or you do "
                + "not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"model_not_found\"}}");

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(e.detail().httpStatus()).hasValue(404);
        assertThat(e.detail().errorCode()).contains("model_not_found");
    }

    @Test
    void retryAfterHeaderInSecondsIsKeptWithTheRequestIdHeader() {
        server.reply(OPENAI_PATH, 429, "application/json", ProviderFixtures.load(ProviderFixtures.ERRORS, 2).body(),
                Map.of("Retry-After", "20", "x-request-id", "req_abc123"));

        ArbiterException e = openAiFails();

        assertThat(e.detail().retryAfter()).as("the header wins over the message hint").contains(Duration.ofSeconds(20));
        assertThat(e.detail().requestId()).contains("req_abc123");
        assertThat(e).hasMessageContaining("retry after PT20S");
    }

    @Test
    void retryAfterMillisecondsHeaderWinsOverRetryAfter() {
        server.reply(OPENAI_PATH, 429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                Map.of("retry-after-ms", "1500", "retry-after", "2"));

        assertThat(openAiFails().detail().retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterAsHttpDateIsTheWaitUntilThatDate() {
        String inAMinute = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60));
        server.reply(ANTHROPIC_PATH, 429, "application/json", ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 4)
                .body(), Map.of("retry-after", inAMinute, "request-id", "req_header_1"));

        ArbiterException e = anthropicFails();

        assertThat(e.detail().retryAfter()).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
        assertThat(e.detail().requestId()).as("the header wins over the body").contains("req_header_1");
    }

    @Test
    void readTimeoutIsUnavailable() {
        server.reply(OPENAI_PATH, aResponse().withStatus(200).withFixedDelay(2_000)
                .withBody(ProviderFixtures.load(ProviderFixtures.OPENAI, 0).body()));

        ArbiterException e = fails(ProviderServer.openAi(server.baseUrl(), Duration.ofMillis(300)));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("did not answer in time");
        assertThat(e.detail().httpStatus()).isEmpty();
    }

    @Test
    void connectionResetIsUnavailable() {
        server.reply(OPENAI_PATH, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).isInstanceOf(RetriableException.class);
    }

    @Test
    void connectionRefusedIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ArbiterException e = fails(ProviderServer.openAi("http://127.0.0.1:" + closedPort + "/v1", Duration.ofSeconds(2)));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("could not connect");
    }

    @Test
    void malformedJsonBodyIsUnavailable() {
        server.replyJson(OPENAI_PATH, 200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"ind");

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("could not be parsed");
    }

    @Test
    void emptySuccessfulBodyIsUnavailable() {
        server.replyJson(OPENAI_PATH, 200, "");

        assertThat(openAiFails().failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void responseWithoutChoicesIsUnavailable() {
        server.replyJson(OPENAI_PATH, 200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\","
                + "\"choices\":[]}");

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("no choices");
    }

    @Test
    void anthropicBodyOfTheWrongShapeIsUnavailable() {
        server.replyJson(ANTHROPIC_PATH, 200, "{\"type\":\"message\",\"content\":\"not a list\"}");

        assertThat(anthropicFails().failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void nonJsonErrorPageIsKeptAsTheMessage() {
        server.reply(OPENAI_PATH, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", Map.of());

        ArbiterException e = openAiFails();

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().httpStatus()).hasValue(502);
        assertThat(e.detail().message()).hasValueSatisfying(m -> assertThat(m).contains("502 Bad Gateway"));
    }
}
