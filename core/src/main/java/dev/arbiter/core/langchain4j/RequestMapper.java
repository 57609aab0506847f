package dev.arbiter.core.langchain4j;

import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.ToolSpec;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.ArrayList;
import java.util.List;

/** Maps a {@link GenerationRequest} to a langchain4j {@link ChatRequest}. */
final class RequestMapper {

    private RequestMapper() {}

    /**
     * Returns the chat request: the messages, and as parameters the tools, the response schema (verbatim), the
     * temperature, the output token limit and the stop sequences. The seed has no generic langchain4j
     * parameter; the customizer can add it with a provider's own parameters class.
     *
     * @throws IllegalArgumentException if a message or tool cannot be converted
     * @throws NullPointerException if the customizer returns {@code null}
     */
    static ChatRequest toChatRequest(GenerationRequest request, LangChain4jGenerator.ParametersCustomizer customizer) {
        ChatRequestParameters parameters = customizer.customize(request, parameters(request));
        if (parameters == null) {
            throw new NullPointerException("the parameters customizer returned null");
        }
        return ChatRequest.builder()
                .messages(LangChain4jMessages.toChatMessages(request.messages()))
                .parameters(parameters)
                .build();
    }

    static ChatRequestParameters parameters(GenerationRequest request) {
        DefaultChatRequestParameters.Builder<?> builder = ChatRequestParameters.builder();
        request.temperature().ifPresent(builder::temperature);
        request.maxOutputTokens().ifPresent(builder::maxOutputTokens);
        if (!request.stopSequences().isEmpty()) {
            builder.stopSequences(request.stopSequences());
        }
        if (!request.tools().isEmpty()) {
            List<ToolSpecification> tools = new ArrayList<>(request.tools().size());
            for (ToolSpec tool : request.tools()) {
                tools.add(LangChain4jMessages.toToolSpecification(tool));
            }
            builder.toolSpecifications(tools);
        }
        request.responseSchema().ifPresent(schema -> builder.responseFormat(SchemaMapper.toResponseFormat(schema)));
        return builder.build();
    }
}
