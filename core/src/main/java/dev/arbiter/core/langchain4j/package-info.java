/**
 * The langchain4j adapter: any langchain4j {@code ChatModel} or {@code StreamingChatModel} as an Arbiter
 * {@link dev.arbiter.core.Generator}.
 *
 * <ul>
 *   <li>{@link dev.arbiter.core.langchain4j.LangChain4jGenerator} sends a
 *       {@link dev.arbiter.core.GenerationRequest} through a langchain4j model and returns a
 *       {@link dev.arbiter.core.Generation}; refusals, truncation and filtered output are returned, not thrown.</li>
 *   <li>{@link dev.arbiter.core.langchain4j.ProviderFailures} turns whatever a provider call threw into an
 *       {@link dev.arbiter.core.ArbiterException} with its {@link dev.arbiter.core.FailureMode} and
 *       {@link dev.arbiter.core.ProviderDetail}.</li>
 *   <li>{@link dev.arbiter.core.langchain4j.ArbiterHttpClientBuilder} is a langchain4j HTTP client that keeps the
 *       response headers of failed calls ({@code Retry-After}, request ids), which langchain4j's own clients
 *       drop.</li>
 *   <li>{@link dev.arbiter.core.langchain4j.LangChain4jMessages} converts messages, tools and tool calls both
 *       ways.</li>
 * </ul>
 *
 * <p>Build models with {@code maxRetries(0)} so that retries are Arbiter's (the workflow backs off as the
 * provider asks), and with {@code .httpClientBuilder(new ArbiterHttpClientBuilder())} so that it can read what
 * the provider asked for:
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *         .apiKey(key)
 *         .modelName("gpt-4o")
 *         .maxRetries(0)
 *         .httpClientBuilder(new ArbiterHttpClientBuilder())
 *         .build();
 * Generator generator = LangChain4jGenerator.of(model);
 * }</pre>
 *
 * <p>Nothing in this package is {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.arbiter.core.langchain4j;

import org.jspecify.annotations.NullMarked;
