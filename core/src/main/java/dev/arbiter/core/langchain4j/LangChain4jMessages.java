package dev.arbiter.core.langchain4j;

import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.ToolCall;
import dev.arbiter.core.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converters between Arbiter's vocabulary and langchain4j's: {@link Message} and {@link ChatMessage},
 * {@link ToolSpec} and {@link ToolSpecification}, {@link ToolCall} and {@link ToolExecutionRequest}, and
 * {@link ResponseSchema} to {@link ResponseFormat}.
 *
 * <p>What survives a conversion:
 * <ul>
 *   <li>Tool parameter schemas: langchain4j only carries object schemas, so the top-level keywords kept are
 *       {@code description}, {@code properties}, {@code required}, a boolean {@code additionalProperties} and
 *       {@code $defs}; each property and definition is sent verbatim, with all its keywords. Other top-level
 *       keywords (e.g. {@code title}, {@code minProperties}) are dropped. Note that langchain4j's provider
 *       modules themselves only send the top-level {@code additionalProperties} when tools are strict.</li>
 *   <li>Response schemas are sent verbatim, every keyword kept.</li>
 *   <li>A tool call id of {@code ""} stands for langchain4j's {@code null} id (legacy function calls), both
 *       ways.</li>
 *   <li>From langchain4j, what Arbiter's messages cannot hold is dropped: a user's name, an assistant's
 *       thinking, a tool result's error flag, a tool's metadata and strictness. Several text parts of one
 *       message are joined with a newline. Non-text content (images, audio, video, PDF) cannot be converted.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * List<ChatMessage> history = LangChain4jMessages.toChatMessages(request.messages());
 * }</pre>
 */
public final class LangChain4jMessages {

    private LangChain4jMessages() {}

    /**
     * Returns the langchain4j message for an Arbiter message.
     *
     * @throws IllegalArgumentException if it is a blank system message, which langchain4j rejects
     */
    public static ChatMessage toChatMessage(Message message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof Message.System system) {
            if (system.text().isBlank()) {
                throw new IllegalArgumentException("a system message must not be blank: langchain4j rejects it");
            }
            return SystemMessage.from(system.text());
        }
        if (message instanceof Message.User user) {
            return UserMessage.from(user.text());
        }
        if (message instanceof Message.Assistant assistant) {
            List<ToolExecutionRequest> requests = new ArrayList<>();
            assistant.toolCalls().forEach(call -> requests.add(toToolExecutionRequest(call)));
            @Nullable String text = assistant.text().isEmpty() && !requests.isEmpty() ? null : assistant.text();
            return AiMessage.builder().text(text).toolExecutionRequests(requests).build();
        }
        Message.ToolResult result = (Message.ToolResult) message;
        return ToolExecutionResultMessage.from(idOrNull(result.toolCallId()), result.toolName(), result.content());
    }

    /**
     * Returns the langchain4j messages for Arbiter messages, in order.
     *
     * @throws IllegalArgumentException if one cannot be converted; the message names its position
     */
    public static List<ChatMessage> toChatMessages(List<Message> messages) {
        List<ChatMessage> converted = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            try {
                converted.add(toChatMessage(messages.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("message " + i + ": " + e.getMessage(), e);
            }
        }
        return converted;
    }

    /**
     * Returns the Arbiter message for a langchain4j message.
     *
     * @throws IllegalArgumentException if it holds non-text content (an image, audio, a PDF, generated images)
     *     or is of a type Arbiter has no message for
     */
    public static Message toMessage(ChatMessage message) {
        Objects.requireNonNull(message, "message");
        if (message instanceof SystemMessage system) {
            return Message.system(system.text());
        }
        if (message instanceof UserMessage user) {
            return Message.user(text(user.contents(), "user message"));
        }
        if (message instanceof AiMessage ai) {
            if (ai.images() != null && !ai.images().isEmpty()) {
                throw new IllegalArgumentException("an AI message with generated images cannot be converted");
            }
            List<ToolCall> calls = new ArrayList<>();
            ai.toolExecutionRequests().forEach(request -> calls.add(toToolCall(request)));
            return Message.assistant(ai.text() == null ? "" : ai.text(), calls);
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return Message.toolResult(
                    nullToEmpty(result.id()), nullToEmpty(result.toolName()), text(result.contents(), "tool result"));
        }
        throw new IllegalArgumentException(
                "a " + message.type() + " message (" + message.getClass().getName() + ") cannot be converted");
    }

    /**
     * Returns the Arbiter messages for langchain4j messages, in order.
     *
     * @throws IllegalArgumentException if one cannot be converted; the message names its position
     */
    public static List<Message> toMessages(List<ChatMessage> messages) {
        List<Message> converted = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            try {
                converted.add(toMessage(messages.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("message " + i + ": " + e.getMessage(), e);
            }
        }
        return converted;
    }

    /**
     * Returns the langchain4j specification of a tool; an empty description is left out.
     *
     * @throws IllegalArgumentException if the parameter schema declares a type other than object, or holds a
     *     property schema that is neither an object nor a boolean
     */
    public static ToolSpecification toToolSpecification(ToolSpec tool) {
        Objects.requireNonNull(tool, "tool");
        return ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description().isEmpty() ? null : tool.description())
                .parameters(SchemaMapper.toParameters(tool.name(), tool.parameters()))
                .build();
    }

    /**
     * Returns the Arbiter tool spec of a langchain4j specification; a missing description becomes empty and
     * missing parameters an object schema without properties.
     *
     * @throws IllegalArgumentException if the name is blank or a schema element cannot be converted
     */
    public static ToolSpec toToolSpec(ToolSpecification tool) {
        Objects.requireNonNull(tool, "tool");
        JsonObjectSchema parameters = tool.parameters() != null
                ? tool.parameters()
                : JsonObjectSchema.builder().build();
        return new ToolSpec(
                nullToEmpty(tool.name()),
                nullToEmpty(tool.description()),
                SchemaMapper.toJson(parameters));
    }

    /** Returns the langchain4j request for a tool call, id, name and arguments unchanged ({@code ""} id: none). */
    public static ToolExecutionRequest toToolExecutionRequest(ToolCall call) {
        Objects.requireNonNull(call, "call");
        return ToolExecutionRequest.builder()
                .id(idOrNull(call.id()))
                .name(call.name())
                .arguments(call.arguments())
                .build();
    }

    /** Returns the tool call of a langchain4j request, unchanged; a missing id, name or arguments become empty. */
    public static ToolCall toToolCall(ToolExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        return ToolCall.of(nullToEmpty(request.id()), nullToEmpty(request.name()), nullToEmpty(request.arguments()));
    }

    /** Returns the response format asking for JSON that follows the schema, the schema sent verbatim. */
    public static ResponseFormat toResponseFormat(ResponseSchema schema) {
        return SchemaMapper.toResponseFormat(Objects.requireNonNull(schema, "schema"));
    }

    private static String text(List<Content> contents, String what) {
        StringBuilder text = new StringBuilder();
        for (Content content : contents) {
            if (!(content instanceof TextContent textContent)) {
                throw new IllegalArgumentException(
                        "a " + what + " with " + content.type() + " content cannot be converted: only text can");
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(textContent.text());
        }
        return text.toString();
    }

    private static @Nullable String idOrNull(String id) {
        return id.isEmpty() ? null : id;
    }

    private static String nullToEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
