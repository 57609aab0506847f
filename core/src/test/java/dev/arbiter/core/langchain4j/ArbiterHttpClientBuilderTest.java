package dev.arbiter.core.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.arbiter.core.langchain4j.ProviderServer.OPENAI_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArbiterHttpClientBuilderTest {

    private final ProviderServer server = new ProviderServer();
    private final HttpClient client = new ArbiterHttpClientBuilder().readTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest post() {
        return HttpRequest.builder().method(HttpMethod.POST).url(server.baseUrl() + "/chat/completions")
                .addHeader("Content-Type", "application/json").body("{\"model\":\"gpt-4o\"}").build();
    }

    @Test
    void successfulResponseKeepsStatusHeadersAndBody() {
        server.reply(OPENAI_PATH, 200, "application/json", "{\"ok\":true}", Map.of("x-request-id", "req_1"));

        SuccessfulHttpResponse response = client.execute(post());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(response.headers().get("X-Request-Id")).containsExactly("req_1");
    }

    @Test
    void failedResponseIsThrownWithStatusBodyAndHeaders() {
        server.reply(OPENAI_PATH, 429, "application/json", "{\"error\":{\"message\":\"slow down\"}}",
                Map.of("Retry-After", "3", "x-request-id", "req_2"));

        ProviderHttpException e = catchThrowableOfType(ProviderHttpException.class, () -> client.execute(post()));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.getMessage()).isEqualTo("{\"error\":{\"message\":\"slow down\"}}");
        assertThat(e.header("retry-after")).contains("3");
        assertThat(e.header("X-REQUEST-ID")).contains("req_2");
    }

    @Test
    void slowResponseIsALangChain4jTimeout() {
        server.reply(OPENAI_PATH, aResponse().withStatus(200).withBody("{}").withFixedDelay(2_000));
        HttpClient impatient = new ArbiterHttpClientBuilder().readTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> impatient.execute(post())).isInstanceOf(TimeoutException.class);
    }

    @Test
    void eventsArriveInOrderAndTheStreamIsClosed() throws InterruptedException {
        server.reply(OPENAI_PATH, 200, "text/event-stream",
                "event: one\ndata: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n", Map.of());
        Recorder recorder = new Recorder();

        client.execute(post(), recorder);

        assertThat(recorder.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.opened).hasSize(1);
        assertThat(recorder.events).containsExactly(new ServerSentEvent("one", "{\"n\":1}"),
                new ServerSentEvent(null, "{\"n\":2}"), new ServerSentEvent(null, "[DONE]"));
        assertThat(recorder.closed).isEqualTo(1);
        assertThat(recorder.errors).isEmpty();
    }

    @Test
    void failedStreamIsReportedWithItsHeaders() throws InterruptedException {
        server.reply(OPENAI_PATH, 503, "application/json", "{\"error\":{\"message\":\"down\"}}",
                Map.of("retry-after-ms", "900"));
        Recorder recorder = new Recorder();

        client.execute(post(), recorder);

        assertThat(recorder.ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.errors).singleElement().isInstanceOfSatisfying(ProviderHttpException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.header("Retry-After-Ms")).contains("900");
        });
        assertThat(recorder.closed).isZero();
    }

    @Test
    void streamCutOffIsReportedAsAnErrorAndNeverAsAClose() throws InterruptedException {
        server.reply(OPENAI_PATH, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        Recorder recorder = new Recorder();

        client.execute(post(), recorder);

        assertThat(recorder.ended.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(recorder.opened).as("the status line and headers arrived").hasSize(1);
        assertThat(recorder.errors).hasSize(1);
        assertThat(recorder.closed).isZero();
    }

    @Test
    void multipartUploadsAreRejected() {
        HttpRequest upload = HttpRequest.builder().method(HttpMethod.POST).url(server.baseUrl() + "/audio")
                .addFormDataField("model", "whisper-1").build();

        assertThatThrownBy(() -> client.execute(upload)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multipart");
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> new ArbiterHttpClientBuilder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> new ArbiterHttpClientBuilder().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThat(new ArbiterHttpClientBuilder().connectTimeout(null).connectTimeout()).isNull();
    }

    /** Records what a stream reports; {@link #ended} opens on close or error. */
    private static final class Recorder implements ServerSentEventListener {
        final List<SuccessfulHttpResponse> opened = new CopyOnWriteArrayList<>();
        final List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        volatile int closed;
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            opened.add(response);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            events.add(event);
        }

        @Override
        public void onError(Throwable throwable) {
            errors.add(throwable);
            ended.countDown();
        }

        @Override
        public void onClose() {
            closed++;
            ended.countDown();
        }
    }
}
