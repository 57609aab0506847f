package dev.arbiter.core;

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
}
