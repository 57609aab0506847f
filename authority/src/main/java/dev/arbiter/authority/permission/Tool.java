package dev.arbiter.authority.permission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A named, executable tool: its {@link ToolDescriptor} (spec, side-effect class, sensitive parameters, output
 * trust) and the code that runs it. Only a {@link ToolGateway} should call {@link #execute}: it runs a call only
 * after the permission envelope allowed it.
 *
 * <p>Implementations must be thread-safe if the gateway is shared between threads. {@link #execute} may throw
 * anything: the gateway turns it into {@link dev.arbiter.core.FailureMode#TOOL_FAILED} with the cause.
 *
 * <pre>{@code
 * Tool balance = Tool.of(ToolDescriptor.of(spec, SideEffect.READ), args -> bank.balance().toString());
 * }</pre>
 */
public interface Tool {

    /** Returns what the application knows about this tool. */
    ToolDescriptor descriptor();

    /**
     * Runs the tool with arguments the gateway already checked against its schema and envelope.
     *
     * @param arguments the call's arguments, a JSON object
     * @return the result as text, as the model will see it
     * @throws Exception anything; the gateway reports it as a tool failure
     */
    String execute(JsonNode arguments) throws Exception;

    /** Returns the tool's name. */
    default String name() {
        return descriptor().name();
    }

    /** The code that runs a tool: one method, so a lambda fits. */
    @FunctionalInterface
    interface Executor {
        /** Runs the tool; see {@link Tool#execute}. */
        String execute(JsonNode arguments) throws Exception;
    }

    /** Returns a tool made of a descriptor and an executor. */
    static Tool of(ToolDescriptor descriptor, Executor executor) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(executor, "executor");
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public String execute(JsonNode arguments) throws Exception {
                return executor.execute(arguments);
            }

            @Override
            public String toString() {
                return "Tool[" + descriptor.name() + "]";
            }
        };
    }
}
