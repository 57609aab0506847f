package dev.arbiter.cli.providers;

import dev.arbiter.core.Generator;
import dev.arbiter.core.langchain4j.ArbiterHttpClientBuilder;
import dev.arbiter.core.langchain4j.LangChain4jGenerator;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.language.StreamingLanguageModel;
import dev.langchain4j.model.moderation.Moderation;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiLanguageModel;
import dev.langchain4j.model.openai.OpenAiModerationModel;
import dev.langchain4j.model.openai.OpenAiResponsesChatModel;
import dev.langchain4j.model.openai.OpenAiResponsesStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingLanguageModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.StreamingResponseHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * langchain4j's own OpenAI and Anthropic models, pointed at the replay server, built as Arbiter builds
 * models: no langchain4j retries ({@code maxRetries(0)}), and the header-keeping HTTP client so that
 * {@code Retry-After} reaches the failure mapping.
 */
final class ReplayModels {

    private static final String KEY = "replay-key";
    private static final Duration TIMEOUT = FixtureReplayer.callTimeout();

    private final String openAiBase;
    private final String anthropicBase;

    ReplayModels(String serverUrl) {
        this.openAiBase = serverUrl + "/v1";
        this.anthropicBase = serverUrl + "/v1";
    }

    Generator openAi() {
        return LangChain4jGenerator.of(OpenAiChatModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .modelName("gpt-4o-mini").maxRetries(0).timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder()).build());
    }

    Generator openAiStreaming() {
        return LangChain4jGenerator.of(OpenAiStreamingChatModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .modelName("gpt-4o-mini").timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder()).build());
    }

    Generator anthropic() {
        return LangChain4jGenerator.of(AnthropicChatModel.builder().baseUrl(anthropicBase).apiKey(KEY)
                .modelName("claude-sonnet-4-5").maxRetries(0).timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder()).build());
    }

    Generator anthropicStreaming() {
        return LangChain4jGenerator.of(AnthropicStreamingChatModel.builder().baseUrl(anthropicBase).apiKey(KEY)
                .modelName("claude-sonnet-4-5").timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder()).build());
    }

    Generator responses() {
        return LangChain4jGenerator.of(OpenAiResponsesChatModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .modelName("gpt-4o-mini").httpClientBuilder(new ArbiterHttpClientBuilder()).build());
    }

    Generator responsesStreaming() {
        return LangChain4jGenerator.of(OpenAiResponsesStreamingChatModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .modelName("gpt-4o-mini").httpClientBuilder(new ArbiterHttpClientBuilder()).build());
    }

    String embed() {
        Response<Embedding> r = OpenAiEmbeddingModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .modelName("text-embedding-3-small").maxRetries(0).timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder()).build()
                .embed("Replay the recorded response.");
        return "embedding of " + r.content().dimension() + " dimensions";
    }

    String moderate() {
        Response<Moderation> r = OpenAiModerationModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .maxRetries(0).timeout(TIMEOUT).httpClientBuilder(new ArbiterHttpClientBuilder()).build()
                .moderate("Replay the recorded response.");
        return r.content().flagged() ? "moderation: flagged" : "moderation: not flagged";
    }

    String complete() {
        Response<String> r = OpenAiLanguageModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .modelName("gpt-3.5-turbo-instruct").maxRetries(0).timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder()).build()
                .generate("Replay the recorded response.");
        return describeCompletion(r);
    }

    String completeStreaming() {
        StreamingLanguageModel model = OpenAiStreamingLanguageModel.builder().baseUrl(openAiBase).apiKey(KEY)
                .modelName("gpt-3.5-turbo-instruct").timeout(TIMEOUT)
                .httpClientBuilder(new ArbiterHttpClientBuilder()).build();
        CompletableFuture<Response<String>> done = new CompletableFuture<>();
        model.generate("Replay the recorded response.", new StreamingResponseHandler<String>() {
            @Override
            public void onNext(String token) {}

            @Override
            public void onComplete(Response<String> response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return describeCompletion(done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new dev.langchain4j.exception.TimeoutException("stream did not complete in " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String describeCompletion(Response<String> r) {
        if (r == null || r.content() == null || r.finishReason() == null) {
            throw new IllegalStateException("completion ended without text or finish reason: malformed body");
        }
        return "completion of " + r.content().length() + " chars, finish " + r.finishReason();
    }
}
