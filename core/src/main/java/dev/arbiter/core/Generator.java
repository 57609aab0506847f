package dev.arbiter.core;

import java.util.concurrent.CompletableFuture;

/**
 * A source of candidate outputs: a model, a cassette, a script. The model proposes; nothing a generator
 * returns has any effect until verifiers and the permission envelope have decided on it.
 *
 * <p>Implementations must be thread-safe: one generator serves many concurrent steps.
 *
 * <p>Failures of the provider (rate limits, outages, rejected requests, context overflow) are thrown as
 * {@link ArbiterException} carrying their {@link FailureMode}. Outcomes the model itself chose (a refusal, a
 * truncated answer, filtered content) are returned as a {@link Generation} whose {@link
 * Generation#failureMode()} says so, so that partial output is never lost.
 *
 * <pre>{@code
 * Generator generator = LangChain4jGenerator.of(openAiChatModel);
 * Generation g = generator.generate(GenerationRequest.of(Message.user("Summarise the contract.")));
 * }</pre>
 *
 * <p><b>Waiting without a thread.</b> {@link #generateAsync} returns the candidate as a future. Its default calls
 * {@link #generate} on the calling thread and returns a completed future. A generator whose provider answers
 * asynchronously (a non-blocking HTTP client, a queue, a timer) overrides it, so that a run started with
 * {@code Pipeline.runAsync} holds no thread while the model works: on Java 17, thousands of concurrent runs then need
 * a handful of threads, not one each.
 */
@FunctionalInterface
public interface Generator {

    /**
     * Generates one candidate for the request.
     *
     * @param request the request; never {@code null}
     * @return the candidate with its usage, finish reason, model id and latency; never {@code null}
     * @throws ArbiterException when the provider fails; its {@link ArbiterException#failureMode()} says how
     */
    Generation generate(GenerationRequest request);

    /**
     * Generates one candidate for the request, completing the returned future when the provider has answered.
     * The default calls {@link #generate} on the calling thread; override it when the provider can answer without
     * holding the caller's thread. Work that a step does after the generation runs on the thread that completes the
     * future.
     *
     * <p>Implementations should not throw: a provider failure completes the future exceptionally with an {@link
     * ArbiterException}, exactly as {@link #generate} would have thrown it. (Callers in Arbiter treat a throw as
     * such a completion anyway.)
     *
     * @param request the request; never {@code null}
     * @return the future candidate, completed with a {@link Generation} or exceptionally; never {@code null}
     */
    default CompletableFuture<Generation> generateAsync(GenerationRequest request) {
        try {
            return CompletableFuture.completedFuture(generate(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether {@link #generateAsync} waits for the model on the calling thread. By default, when {@code generateAsync}
     * is this interface's own, which calls {@link #generate} there; {@code LangChain4jGenerator} says so for a model
     * that does not stream (langchain4j's {@code ChatModel} has no asynchronous call). {@code Pipeline.runAsync}
     * calls a generator that waits on the pipeline's executor for blocking work, never on the thread the run is on,
     * which may be a provider client's, a timer's or the file ledger's force thread serving every other run. A
     * generator that overrides {@code generateAsync} and still waits in it (a wrapper that calls another generator's
     * {@code generate}) should return {@code true}.
     */
    default boolean waitsOnCaller() {
        return GeneratorTypes.KEEPS_GENERATE_ASYNC.test(this);
    }
}
