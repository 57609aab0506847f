package dev.arbiter.authority.permission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A named, executable tool: its {@link ToolDescriptor} (spec, side-effect class, sensitive parameters, output
 * trust) and the code that runs it. Only a {@link ToolGateway} should call {@link #execute}: it runs a call only
 * after the permission envelope allowed it.
 *
 * <p>Implementations must be thread-safe if the gateway is shared between threads. {@link #execute} may throw
 * anything: the gateway turns it into {@link dev.arbiter.core.FailureMode#TOOL_FAILED} with the cause.
 *
 * <p>A tool that waits on something (a remote service, a database) can say so with {@link #executeAsync}: an
 * asynchronous run ({@code Pipeline.runAsync}) then holds no thread while the call is in flight, and goes on on the
 * thread that completes it. {@link #ofAsync} makes such a tool from a function returning a future.
 *
 * <pre>{@code
 * Tool balance = Tool.of(ToolDescriptor.of(spec, SideEffect.READ), args -> bank.balance().toString());
 * Tool quote = Tool.ofAsync(ToolDescriptor.of(quoteSpec, SideEffect.READ),
 *         args -> http.sendAsync(quoteRequest(args), BodyHandlers.ofString()).thenApply(HttpResponse::body));
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

    /**
     * Starts the tool with arguments the gateway already checked, and returns its result to come. {@link
     * ToolGateway#handleAsync} calls this; {@link ToolGateway#handle} calls {@link #execute}. The default calls
     * {@link #execute} on the calling thread, a throw completing the future exceptionally.
     *
     * @param arguments the call's arguments, a JSON object
     * @return the result as text, as the model will see it; completed exceptionally with anything the tool failed
     *     with, which the gateway reports as a tool failure
     * @throws Exception anything; the gateway reports it as a tool failure, as if the future had failed with it
     */
    default CompletableFuture<String> executeAsync(JsonNode arguments) throws Exception {
        try {
            return CompletableFuture.completedFuture(execute(arguments));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

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

    /** The code that starts a tool and returns its result to come: one method, so a lambda fits. */
    @FunctionalInterface
    interface AsyncExecutor {
        /** Starts the tool; see {@link Tool#executeAsync}. */
        CompletableFuture<String> execute(JsonNode arguments) throws Exception;
    }

    /** Returns a tool made of a descriptor and an executor. */
    static Tool of(ToolDescriptor descriptor, Executor executor) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(executor, "executor");
        return new DescribedTool(descriptor) {
            @Override
            public String execute(JsonNode arguments) throws Exception {
                return executor.execute(arguments);
            }
        };
    }

    /**
     * Returns a tool made of a descriptor and an executor that returns a future. Its {@link #executeAsync} calls
     * the executor; its {@link #execute} calls it too and waits for the future, rethrowing what it failed with.
     */
    static Tool ofAsync(ToolDescriptor descriptor, AsyncExecutor executor) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(executor, "executor");
        return new DescribedTool(descriptor) {
            @Override
            public CompletableFuture<String> executeAsync(JsonNode arguments) throws Exception {
                return Objects.requireNonNull(executor.execute(arguments),
                        "tool '" + descriptor.name() + "' returned no future");
            }

            @Override
            public String execute(JsonNode arguments) throws Exception {
                try {
                    return executeAsync(arguments).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw cause instanceof Exception ? (Exception) cause : e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the caller's thread stays interrupted; the call failed
                    throw e;
                }
            }
        };
    }
}
