package dev.arbiter.core.langchain4j;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.ProviderDetail;
import dev.arbiter.core.Generation;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.Usage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Maps a langchain4j {@link ChatResponse} to a {@link Generation}, correcting it with the {@link RawSignals}. */
final class ResponseMapper {

    private ResponseMapper() {}

    /**
     * Returns the generation of a response.
     *
     * @param modelId the model id to report (the provider's, or the configured fallback)
     * @throws ProviderStreamException if the provider reported an error inside the stream
     */
    static Generation toGeneration(ChatResponse response, Duration latency, String modelId) {
        RawSignals raw = RawSignals.of(response.metadata());
        if (raw.errorEvent() != null) {
            throw new ProviderStreamException(raw.errorEvent());
        }
        if (!raw.streamEnded()) {
            throw ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE,
                    "the provider's stream ended without a finish reason: it was cut off or is malformed",
                    ProviderDetail.NONE, null);
        }
        AiMessage message = response.aiMessage();
        if (response.finishReason() == null && raw.finishReason() == null && raw.refusal() == null
                && (message.text() == null || message.text().isEmpty()) && !message.hasToolExecutionRequests()) {
            // e.g. a 200 whose body is empty or not an event stream, read by a streaming model: nothing arrived
            throw ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "the provider's response carried no answer "
                    + "and no finish reason: it was empty or not a well-formed response", ProviderDetail.NONE, null);
        }
        String text = raw.refusal() != null
                ? raw.refusal()
                : raw.firstChoiceText() != null ? raw.firstChoiceText() : (message.text() == null ? "" : message.text());
        FinishReason finishReason = raw.finishReason() != null
                ? raw.finishReason()
                : finishReason(response.finishReason());
        return Generation.builder()
                .text(text)
                .toolCalls(toolCalls(message.toolExecutionRequests()))
                .usage(usage(response.tokenUsage()))
                .finishReason(finishReason)
                .modelId(modelId)
                .latency(latency)
                .build();
    }

    /** Returns a refusal: what the model said instead of answering. */
    static Generation refusal(String text, Duration latency, String modelId) {
        return Generation.builder()
                .text(text)
                .finishReason(FinishReason.REFUSAL)
                .modelId(modelId)
                .latency(latency)
                .build();
    }

    static FinishReason finishReason(dev.langchain4j.model.output.@Nullable FinishReason reason) {
        if (reason == null) {
            return FinishReason.OTHER;
        }
        switch (reason) {
            case STOP:
                return FinishReason.STOP;
            case LENGTH:
                return FinishReason.LENGTH;
            case TOOL_EXECUTION:
                return FinishReason.TOOL_CALLS;
            case CONTENT_FILTER:
                return FinishReason.CONTENT_FILTER;
            default:
                return FinishReason.OTHER;
        }
    }

    static Usage usage(@Nullable TokenUsage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        return Usage.of(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
    }

    private static long count(@Nullable Integer count) {
        return count == null ? 0 : Math.max(0, count);
    }

    private static List<ToolCall> toolCalls(@Nullable List<ToolExecutionRequest> requests) {
        List<ToolCall> calls = new ArrayList<>();
        if (requests != null) {
            requests.forEach(request -> calls.add(LangChain4jMessages.toToolCall(request)));
        }
        return calls;
    }
}
