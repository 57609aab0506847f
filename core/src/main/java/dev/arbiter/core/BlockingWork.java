package dev.arbiter.core;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Executors for work that may block, kept off the threads of asynchronous runs.
 *
 * <p>An asynchronous run goes on on whichever thread completed its last wait: a provider client's thread, a
 * timer's, the file ledger's force thread. Work that blocks there (a tool made with {@code Tool.of}, a
 * deterministic step, a query of an approval queue in a database) holds up every run that thread serves. The
 * tool gateway and the pipeline hand such work to an executor from here, unless given one of their own.
 *
 * <p>On Java 24 or later the executor starts a virtual thread per task: from Java 24 a virtual thread that blocks
 * inside {@code synchronized} no longer holds its carrier thread. On Java 17 to 23 it is a pool of daemon
 * threads, made as tasks need them (as many as run at once) and ended after a minute without work. This library
 * is built for Java 17 and finds virtual threads at run time.
 */
public final class BlockingWork {

    /** The runtime from which a virtual thread that blocks inside {@code synchronized} no longer holds its carrier. */
    public static final int VIRTUAL_FROM = 24;

    private BlockingWork() {}

    /**
     * Returns a test of whether an object's class keeps {@code type}'s default of the public method {@code name}
     * with these parameters (no class between overrides it): the way to tell a tool, step or generator whose
     * asynchronous call is the interface's default, which waits on its caller. Answers are remembered per class.
     */
    public static Predicate<Object> keepsDefault(Class<?> type, String name, Class<?>... parameters) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Class<?>[] params = parameters.clone();
        ClassValue<Boolean> keeps = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> c) {
                try {
                    return c.getMethod(name, params).getDeclaringClass() == type;
                } catch (NoSuchMethodException e) {
                    return true;
                }
            }
        };
        return o -> keeps.get(o.getClass());
    }

    /**
     * Returns a new executor for blocking work whose threads are named {@code threadPrefix} followed by a
     * number: virtual threads on Java {@value #VIRTUAL_FROM} or later, otherwise {@link #platformThreads}.
     */
    public static Executor executor(String threadPrefix) {
        Objects.requireNonNull(threadPrefix, "threadPrefix");
        return Runtime.version().feature() >= VIRTUAL_FROM ? virtualThreads(threadPrefix)
                : platformThreads(threadPrefix);
    }

    /**
     * Returns a pool of daemon threads named {@code threadPrefix} followed by a number, made as tasks need them, as
     * many as run at once, each ended after a minute without work.
     */
    public static Executor platformThreads(String threadPrefix) {
        Objects.requireNonNull(threadPrefix, "threadPrefix");
        AtomicInteger made = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, threadPrefix + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Returns an executor that starts a virtual thread per task, named {@code threadPrefix} followed by a number;
     * {@link #platformThreads} where the runtime has no virtual threads (before Java 21).
     */
    public static Executor virtualThreads(String threadPrefix) {
        Objects.requireNonNull(threadPrefix, "threadPrefix");
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, threadPrefix, 1L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            return (Executor) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                    .invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return platformThreads(threadPrefix);
        }
    }
}
