package dev.arbiter.authority.permission.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.permission.Tool;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tools that block, and where an asynchronous call runs them. A tool blocks when its {@link Tool#executeAsync} is
 * the interface's default, which runs {@link Tool#execute} on the calling thread: tools made with {@link Tool#of}
 * and by {@code LangChain4jTools}. In an asynchronous run that thread is whichever completed the step before (a
 * provider's client thread, the ledger's force thread), and a tool blocking it holds up every run that thread
 * serves.
 */
public final class BlockingTools {

    private static final ClassValue<Boolean> BLOCKS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("executeAsync", JsonNode.class).getDeclaringClass() == Tool.class;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
    };

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The runtime from which a virtual thread that blocks inside {@code synchronized} no longer holds its carrier. */
    static final int VIRTUAL_FROM = 24;

    private static final Executor SHARED = Runtime.version().feature() >= VIRTUAL_FROM ? virtualThreads()
            : platformThreads();

    private BlockingTools() {}

    /**
     * Daemon threads ({@code arbiter-tool-N}) made as calls need them, as many as are running at once, each ended
     * after a minute without work.
     */
    static Executor platformThreads() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "arbiter-tool-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A virtual thread per call ({@code arbiter-tool-N}), looked up at run time: this library is built for Java 17.
     * Falls back to {@link #platformThreads()} where the runtime has none.
     */
    static Executor virtualThreads() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "arbiter-tool-", 1L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            return (Executor) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                    .invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return platformThreads();
        }
    }

    /** Whether the tool's {@link Tool#executeAsync} is the default, which runs {@link Tool#execute} where it is called. */
    public static boolean blocks(Tool tool) {
        return BLOCKS.get(tool.getClass());
    }

    /**
     * The default executor for tools that block: a virtual thread per call on Java 24 or later (where a virtual
     * thread blocked inside {@code synchronized} no longer holds its carrier), otherwise {@link #platformThreads()}.
     */
    public static Executor shared() {
        return SHARED;
    }
}
