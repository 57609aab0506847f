package dev.arbiter.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.ProviderDetail;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classification rules on failures built in memory: what no loopback server can produce. */
class ProviderFailuresRulesTest {

    private static ArbiterException http(int status, String body) {
        return ProviderFailures.classify(new ProviderHttpException(status, body, Map.of()));
    }

    @Test
    void anArbiterExceptionIsReturnedUnchanged() {
        ArbiterException original = ArbiterException.of(FailureMode.BUDGET_EXCEEDED, "out of tokens");

        assertThat(ProviderFailures.classify(original)).isSameAs(original);
    }

    @Test
    void contentFilteredExceptionIsContentFiltered() {
        ArbiterException e = ProviderFailures.classify(new ContentFilteredException("blocked"));

        assertThat(e.failureMode()).isEqualTo(FailureMode.CONTENT_FILTERED);
        assertThat(e.isRetriable()).isFalse();
    }

    @Test
    void azureInnerErrorCodeAloneIsContentFiltered() {
        ArbiterException e = http(400, "{\"error\":{\"message\":\"filtered\",\"code\":null,"
                + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}");

        assertThat(e.failureMode()).isEqualTo(FailureMode.CONTENT_FILTERED);
    }

    @Test
    void anthropicOverloadedStreamErrorIsUnavailableWithItsType() {
        ArbiterException e = ProviderFailures.classify(new AnthropicStreamingException("Overloaded", "overloaded_error"));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().errorType()).contains("overloaded_error");
        assertThat(e.detail().message()).contains("Overloaded");
        assertThat(e.detail().httpStatus()).isEmpty();
    }

    @Test
    void anthropicInvalidRequestStreamErrorIsRejected() {
        ArbiterException e = ProviderFailures.classify(
                new AnthropicStreamingException("messages: roles must alternate", "invalid_request_error"));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
    }

    @Test
    void openAiErrorEventDataIsReadAsAnErrorBody() {
        ArbiterException e = ProviderFailures.classify(new RuntimeException(
                "{\"error\":{\"message\":\"Rate limit reached. Please try again in 1.5s.\",\"type\":\"requests\","
                        + "\"code\":\"rate_limit_exceeded\"}}"));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().errorCode()).contains("rate_limit_exceeded");
        assertThat(e.detail().retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void plainHttpExceptionWithoutHeadersStillYieldsTheHintOfTheMessage() {
        HttpException plain = new HttpException(429, ProviderFixtures.load(ProviderFixtures.ERRORS, 2).body());

        ArbiterException e = ProviderFailures.classify(new RateLimitException(plain));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().retryAfter()).contains(Duration.ofMillis(6));
    }

    @Test
    void timeoutsOfEveryKindAreUnavailable() {
        for (Throwable timeout : List.of(
                new TimeoutException("read timed out"),
                new RuntimeException(new HttpTimeoutException("request timed out")),
                new RuntimeException(new SocketTimeoutException("Read timed out")),
                new java.util.concurrent.TimeoutException())) {
            ArbiterException e = ProviderFailures.classify(timeout);

            assertThat(e.failureMode()).as(timeout.toString()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
            assertThat(e).hasMessageContaining("did not answer in time");
        }
    }

    @Test
    void unresolvedHostIsUnavailable() {
        ArbiterException e = ProviderFailures.classify(
                new UnresolvedModelServerException(new UnresolvedAddressException()));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("could not connect");
        assertThat(e.detail()).isEqualTo(ProviderDetail.NONE);
    }

    @Test
    void connectionResetIsUnavailableNamingTheCause() {
        ArbiterException e = ProviderFailures.classify(new RuntimeException(new IOException("Connection reset")));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("java.io.IOException: Connection reset");
    }

    @Test
    void jacksonParseErrorIsUnavailable() {
        ArbiterException e = ProviderFailures.classify(
                new RuntimeException(new JsonParseException(null, "Unexpected end-of-input")));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("could not be parsed");
    }

    @Test
    void nullPointerWhileMappingAResponseIsUnavailable() {
        ArbiterException e = ProviderFailures.classify(new NullPointerException("content is null"));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e).hasMessageContaining("malformed");
    }

    @Test
    void requestsLangChain4jCannotBuildAreRejectedNamingTheCause() {
        ArbiterException unsupported = ProviderFailures.classify(
                new UnsupportedFeatureException("'topK' parameter is not supported by OpenAI"));
        ArbiterException illegal = ProviderFailures.classify(new IllegalArgumentException("bad schema"));

        assertThat(unsupported.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(unsupported).hasMessageContaining("UnsupportedFeatureException: 'topK' parameter");
        assertThat(illegal.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(illegal).hasMessageContaining("java.lang.IllegalArgumentException: bad schema");
    }

    @Test
    void anInterruptedCallerIsRejectedNotRetried() {
        ArbiterException e = ProviderFailures.classify(
                new IllegalStateException("interrupted", new InterruptedException()));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(e).hasMessageContaining("interrupted");
    }

    @Test
    void conflictIsUnavailableAndPayloadTooLargeIsContextOverflow() {
        assertThat(http(409, "{}").failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(http(413, "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\","
                + "\"message\":\"Request exceeds the maximum allowed number of bytes.\"}}").failureMode())
                .isEqualTo(FailureMode.CONTEXT_OVERFLOW);
    }

    @Test
    void anUnexpectedStatusIsRejected() {
        ArbiterException e = http(302, "");

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
        assertThat(e.detail().httpStatus()).hasValue(302);
    }

    @Test
    void aRateLimitMessageAboutTokensPerMinuteIsNotContextOverflow() {
        ArbiterException e = http(429, "{\"error\":{\"message\":\"Request too large for gpt-4o on tokens per min "
                + "(TPM): Limit 30000, Requested 50000.\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}");

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void theExceptionMessageNamesStatusTypeCodeAndTheProviderMessage() {
        ArbiterException e = ProviderFailures.classify(new InvalidRequestException(new ProviderHttpException(400,
                ProviderFixtures.load(ProviderFixtures.ERRORS, 0).body(), Map.of())));

        assertThat(e).hasMessage("the request exceeds the model's context window (HTTP 400, type "
                + "invalid_request_error, code context_length_exceeded): This model's maximum context length is 4097 "
                + "tokens. However, your messages resulted in 4294 tokens. Please reduce the length of the messages.");
    }

    @Test
    void aCauseCycleDoesNotHang() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(ProviderFailures.classify(a).failureMode()).isEqualTo(FailureMode.PROVIDER_REJECTED);
    }

    @Test
    void nothingAProviderSendsMakesClassificationFail() {
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "[1]", "42", "\"text\"",
                "{\"error\":42}", "{\"error\":null}", "{\"error\":[1,2]}", "{\"error\":{\"code\":{\"nested\":1}}}",
                "{\"error\":{\"message\":\"try again in 99999999999999999999h\"}}",
                "{\"error\":{\"message\":\"try again in 0.0000000001ms\"}}",
                "{\"type\":\"error\",\"error\":{\"type\":[],\"message\":{}}}", "\u0000\uffff\ud800", "{{{{", "<html>"));
        bodies.add("[".repeat(5_000) + "]".repeat(5_000));
        bodies.add("x".repeat(1_000_000));
        for (int status : new int[] {0, 1, 99, 200, 302, 400, 429, 500, 529, 600, 999_999}) {
            for (String body : bodies) {
                assertThatNoException().as("status %d, body %.40s", status, body).isThrownBy(() -> {
                    ArbiterException e = http(status, body);
                    assertThat(e).isNotNull();
                    assertThat(e.getMessage()).isNotBlank();
                });
            }
        }
        assertThatNoException().isThrownBy(() -> ProviderFailures.classify(new HttpException(-1, null)));
    }

    @Test
    void hostileHeadersAreIgnored() {
        Map<String, List<String>> headers = Map.of("retry-after", List.of("-5"), "retry-after-ms", List.of("soon"),
                "x-request-id", List.of(""));

        ArbiterException e = ProviderFailures.classify(new ProviderHttpException(503, "{}", headers));

        assertThat(e.failureMode()).isEqualTo(FailureMode.PROVIDER_UNAVAILABLE);
        assertThat(e.detail().retryAfter()).isEmpty();
        assertThat(e.detail().requestId()).isEmpty();
    }

    @Test
    void nullIsAProgrammerError() {
        assertThatThrownBy(() -> ProviderFailures.classify(null)).isInstanceOf(NullPointerException.class);
    }
}
