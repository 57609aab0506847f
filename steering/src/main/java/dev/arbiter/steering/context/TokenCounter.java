package dev.arbiter.steering.context;

import dev.arbiter.steering.context.internal.JtokkitTokenCounter;

/**
 * Counts the tokens a text costs with one model's tokenizer.
 *
 * <p>The built-in counters use jtokkit's byte-pair encodings, chosen per model family by {@link #forModel}:
 * <ul>
 *   <li>{@code o200k_base} for gpt-4o, gpt-4.1, gpt-4.5, gpt-5, the o-series (o1, o3, o4…) and gpt-oss;</li>
 *   <li>{@code cl100k_base} for gpt-4 (incl. gpt-4-turbo), gpt-3.5 and the OpenAI embedding models;</li>
 *   <li>{@code cl100k_base} <em>as an approximation</em> for every other family (Anthropic Claude, Llama,
 *       Mistral, Gemini, Qwen…), whose tokenizers are not public or not bundled. Their real counts can differ
 *       by some tens of percent; keep a margin in the budget, or plug in the provider's count (e.g. a counter
 *       that calls the provider's token-counting endpoint, or one calibrated from {@code Usage}).</li>
 * </ul>
 * Special tokens such as {@code <|endoftext|>} are counted as ordinary text, as providers treat them in user
 * content.
 *
 * <p>Implementations must be thread-safe and deterministic (the same text always costs the same).
 */
@FunctionalInterface
public interface TokenCounter {

    /**
     * Returns the number of tokens the text costs.
     *
     * @param text any text, possibly empty (which costs 0)
     * @return a count, never negative
     */
    int count(String text);

    /** Returns a name for the tokenizer, recorded in the manifest (e.g. {@code o200k_base}); {@code custom} unless overridden. */
    default String name() {
        return "custom";
    }

    /**
     * Returns the jtokkit counter for the model's family (see the class comment), e.g. {@code gpt-4o-2024-08-06},
     * {@code openai/gpt-4.1-mini}, {@code claude-sonnet-4-5}. Unknown families get {@code cl100k_base}.
     */
    static TokenCounter forModel(String modelId) {
        return JtokkitTokenCounter.forModel(modelId);
    }

    /** Returns the {@code o200k_base} counter (gpt-4o, gpt-4.1, gpt-5, o-series). */
    static TokenCounter o200kBase() {
        return JtokkitTokenCounter.O200K_BASE;
    }

    /** Returns the {@code cl100k_base} counter (gpt-4, gpt-3.5; the approximation for other families). */
    static TokenCounter cl100kBase() {
        return JtokkitTokenCounter.CL100K_BASE;
    }
}
