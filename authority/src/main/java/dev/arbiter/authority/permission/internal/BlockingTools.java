package dev.arbiter.authority.permission.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.Tool;
import dev.arbiter.core.BlockingWork;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Tools that block, and where an asynchronous call runs them. A tool blocks when its {@link Tool#executeAsync} is
 * the interface's default, which runs {@link Tool#execute} on the calling thread: tools made with {@link Tool#of}
 * and by {@code LangChain4jTools}. In an asynchronous run that thread is whichever completed the step before (a
 * provider's client thread, the ledger's force thread), and a tool blocking it holds up every run that thread
 * serves.
 */
public final class BlockingTools {

    private static final Predicate<Object> BLOCKS = BlockingWork.keepsDefault(Tool.class, "executeAsync",
            JsonNode.class);

    private static final Executor SHARED = BlockingWork.executor("arbiter-tool-");

    private BlockingTools() {}

    /** Whether the tool's {@link Tool#executeAsync} is the default, which runs {@link Tool#execute} where it is called. */
    public static boolean blocks(Tool tool) {
        return BLOCKS.test(tool);
    }

    /**
     * The default executor for tools that block, threads {@code arbiter-tool-N}: a virtual thread per call on Java
     * 24 or later (where a virtual thread blocked inside {@code synchronized} no longer holds its carrier), otherwise
     * a pool of daemon threads ({@link BlockingWork#executor}).
     */
    public static Executor shared() {
        return SHARED;
    }
}
