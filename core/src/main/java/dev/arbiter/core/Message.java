package dev.arbiter.core;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation with a model: system instructions, a user turn, an assistant turn (text
 * and/or proposed tool calls), or the result of a tool call.
 *
 * <p>A closed set of immutable records; create them with the factories ({@link #system}, {@link #user},
 * {@link #assistant}, {@link #toolResult}).
 */
public sealed interface Message permits Message.System, Message.User, Message.Assistant, Message.ToolResult {

    /** Returns the role name used in the canonical JSON form: system, user, assistant or tool. */
    String role();

    /** Returns a system message. */
    static System system(String text) {
        return new System(text);
    }

    /** Returns a user message. */
    static User user(String text) {
        return new User(text);
    }

    /** Returns an assistant message with text only. */
    static Assistant assistant(String text) {
        return new Assistant(text, List.of());
    }

    /** Returns an assistant message with text (empty when none) and proposed tool calls. */
    static Assistant assistant(String text, List<ToolCall> toolCalls) {
        return new Assistant(text, toolCalls);
    }

    /** Returns the result of the tool call with the given id. */
    static ToolResult toolResult(String toolCallId, String toolName, String content) {
        return new ToolResult(toolCallId, toolName, content);
    }

    /**
     * Instructions from the application: trusted.
     *
     * @param text the instructions
     */
    record System(String text) implements Message {
        public System {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String role() {
            return "system";
        }
    }

    /**
     * A user turn.
     *
     * @param text what the user said
     */
    record User(String text) implements Message {
        public User {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String role() {
            return "user";
        }
    }

    /**
     * An assistant turn: what the model said earlier, replayed in the conversation.
     *
     * @param text the text; empty when the model only proposed tool calls
     * @param toolCalls the tool calls it proposed, in order; possibly empty
     */
    record Assistant(String text, List<ToolCall> toolCalls) implements Message {
        public Assistant {
            Objects.requireNonNull(text, "text");
            toolCalls = List.copyOf(toolCalls);
        }

        @Override
        public String role() {
            return "assistant";
        }
    }

    /**
     * The result of one tool call, sent back to the model.
     *
     * @param toolCallId the id of the {@link ToolCall} this answers
     * @param toolName the tool's name
     * @param content the result as text (JSON or prose)
     */
    record ToolResult(String toolCallId, String toolName, String content) implements Message {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(toolName, "toolName");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String role() {
            return "tool";
        }
    }
}
