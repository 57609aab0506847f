package dev.arbiter.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    @Test
    void openAiShapeIsRead() {
        ErrorBody body = ErrorBody.parse(ProviderFixtures.load(ProviderFixtures.ERRORS, 1).body());

        assertThat(body.type()).isEqualTo("invalid_request_error");
        assertThat(body.code()).isEqualTo("context_length_exceeded");
        assertThat(body.message()).startsWith("This model's maximum context length is 8192 tokens.");
        assertThat(body.requestId()).isNull();
    }

    @Test
    void azureInnerErrorIsRead() {
        ErrorBody body = ErrorBody.parse(ProviderFixtures.load(ProviderFixtures.ERRORS, 4).body());

        assertThat(body.type()).as("Azure sends type null").isNull();
        assertThat(body.code()).isEqualTo("content_filter");
        assertThat(body.innerCode()).isEqualTo("ResponsibleAIPolicyViolation");
    }

    @Test
    void anthropicShapeIsReadWithItsRequestId() {
        ErrorBody body = ErrorBody.parse(ProviderFixtures.load(ProviderFixtures.ANTHROPIC, 4).body());

        assertThat(body.type()).isEqualTo("rate_limit_error");
        assertThat(body.code()).isNull();
        assertThat(body.message()).startsWith("This request would exceed your organization's rate limit");
        assertThat(body.requestId()).isEqualTo("req_011CYK5n67SytMUxm8WMZUWY");
    }

    @Test
    void otherShapesOfCompatibleServersAreRead() {
        assertThat(ErrorBody.parse("{\"error\":\"model 'llama3' not found\"}").message())
                .isEqualTo("model 'llama3' not found");
        assertThat(ErrorBody.parse("[{\"error\":{\"code\":429,\"message\":\"Resource exhausted\"}}]").code())
                .isEqualTo("429");
        assertThat(ErrorBody.parse("{\"message\":\"Internal error\"}").message()).isEqualTo("Internal error");
    }

    @Test
    void nonJsonBodyBecomesTheShortenedMessage() {
        ErrorBody body = ErrorBody.parse("<html>" + "x".repeat(2_000) + "</html>");

        assertThat(body.message()).startsWith("<html>xxx").hasSize(501);
        assertThat(body.type()).isNull();
    }

    @Test
    void emptyBodySaysNothing() {
        assertThat(ErrorBody.parse("")).isEqualTo(ErrorBody.EMPTY);
        assertThat(ErrorBody.parse(null)).isEqualTo(ErrorBody.EMPTY);
    }

    @Test
    void onlyJsonErrorBodiesAreTakenFromExceptionMessages() {
        assertThat(ErrorBody.parseJson("Connection reset")).isEmpty();
        assertThat(ErrorBody.parseJson("{\"id\":\"chatcmpl-1\"}")).isEmpty();
        assertThat(ErrorBody.parseJson("{\"error\":{\"type\":\"server_error\"}}"))
                .hasValueSatisfying(b -> assertThat(b.type()).isEqualTo("server_error"));
    }
}
