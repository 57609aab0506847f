package dev.arbiter.workflow.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The few moves the asynchronous run needs: start a stage without letting it throw, and wait for a future on the
 * synchronous path, rethrowing what the stage threw as it was thrown.
 */
public final class Futures {

    private Futures() {}

    /** Calls {@code start}; a throw becomes a future completed exceptionally with it. */
    public static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> start) {
        try {
            CompletableFuture<T> f = start.get();
            if (f == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("a stage returned no future"));
            }
            return f;
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Waits for {@code future} and returns its value; a future completed exceptionally rethrows its cause as
     * thrown (a {@link RuntimeException} or {@link Error}), not wrapped.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unchecked(e);
        }
    }

    /** The cause a future failed with, without the {@link CompletionException} or {@link ExecutionException} around it. */
    public static Throwable cause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Returns {@code t}'s cause as an unchecked exception to throw: an {@link Error} is thrown here, a {@link
     * RuntimeException} returned as it is, anything else wrapped in a {@link CompletionException}.
     */
    public static RuntimeException unchecked(Throwable t) {
        Throwable c = cause(t);
        if (c instanceof Error e) {
            throw e;
        }
        return c instanceof RuntimeException r ? r : new CompletionException(c);
    }
}
