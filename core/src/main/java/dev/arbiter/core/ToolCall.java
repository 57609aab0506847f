package dev.arbiter.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.internal.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool call the model proposed. A proposal only: the tool gateway decides whether it runs.
 *
 * <p>The arguments are kept exactly as the model produced them, which may not be valid JSON; use
 * {@link #parsedArguments()} to read them.
 *
 * @param id the provider's id for the call, used to match its result; not blank
 * @param name the tool's name as the model wrote it (it may name no offered tool)
 * @param arguments the arguments as JSON text, as the model wrote them
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }

    /** Returns a tool call. */
    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(id, name, arguments);
    }

    /**
     * Returns the arguments parsed as JSON within the {@link JsonLimits#defaults() default limits}, or empty when they
     * are not valid JSON or break a limit.
     */
    public Optional<JsonNode> parsedArguments() {
        return parsedArguments(JsonLimits.defaults());
    }

    /** Returns the arguments parsed as JSON within the limits, or empty when they are not valid JSON or break one. */
    public Optional<JsonNode> parsedArguments(JsonLimits limits) {
        return limits.tryParse(arguments);
    }
}
