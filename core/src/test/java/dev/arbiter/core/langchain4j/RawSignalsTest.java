package dev.arbiter.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.FinishReason;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw-response signals on metadata built in memory, for paths a provider module does not reach today. */
class RawSignalsTest {

    private static SuccessfulHttpResponse body(String json) {
        return SuccessfulHttpResponse.builder().statusCode(200).body(json).build();
    }

    @Test
    void openAiRefusalInABodyIsARefusalWithItsText() {
        OpenAiChatResponseMetadata metadata = OpenAiChatResponseMetadata.builder().rawHttpResponse(body(
                "{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"I can't help.\"},\"finish_reason\":\"stop\"}]}"))
                .build();

        RawSignals signals = RawSignals.of(metadata);

        assertThat(signals.finishReason()).isEqualTo(FinishReason.REFUSAL);
        assertThat(signals.refusal()).isEqualTo("I can't help.");
    }

    @Test
    void anthropicContextWindowStopReasonIsTruncation() {
        AnthropicChatResponseMetadata metadata = AnthropicChatResponseMetadata.builder().rawHttpResponse(body(
                "{\"type\":\"message\",\"content\":[],\"stop_reason\":\"model_context_window_exceeded\"}")).build();

        assertThat(RawSignals.of(metadata).finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void lastStreamedStopReasonCounts() {
        AnthropicChatResponseMetadata metadata = AnthropicChatResponseMetadata.builder().rawServerSentEvents(List.of(
                new ServerSentEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":null}}"),
                new ServerSentEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"}}"),
                new ServerSentEvent("message_stop", "{\"type\":\"message_stop\"}"))).build();

        assertThat(RawSignals.of(metadata).finishReason()).isEqualTo(FinishReason.REFUSAL);
    }

    @Test
    void normalEndsAndUnreadableBodiesSayNothing() {
        for (String raw : new String[] {"{\"stop_reason\":\"end_turn\"}", "not json", "[]",
                "{\"choices\":[{\"message\":{\"refusal\":\"  \"}}]}"}) {
            RawSignals signals = RawSignals.of(OpenAiChatResponseMetadata.builder().rawHttpResponse(body(raw)).build());

            assertThat(signals).as(raw).isEqualTo(new RawSignals(null, null, null, null, true));
        }
    }

    @Test
    void metadataWithoutRawResponsesSaysNothing() {
        assertThat(RawSignals.of(ChatResponseMetadata.builder().modelName("m").build()))
                .isEqualTo(new RawSignals(null, null, null, null, true));
        assertThat(RawSignals.of(null)).isEqualTo(new RawSignals(null, null, null, null, true));
    }
}
