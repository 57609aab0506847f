package dev.arbiter.core.langchain4j;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.ProviderDetail;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Generator} backed by a langchain4j {@link ChatModel} or {@link StreamingChatModel}: any provider
 * langchain4j supports (OpenAI and compatible servers, Anthropic, Azure, Ollama, ...).
 *
 * <p>The request is sent as one langchain4j {@code ChatRequest}: the messages, the tools, the response schema
 * (verbatim, every keyword kept), the temperature, the output token limit and the stop sequences. langchain4j
 * has no generic seed parameter, so the seed is dropped unless a {@link ParametersCustomizer} adds it with the
 * provider's own parameters class. Set everything on the request, not on the model: the model's default
 * parameters fill whatever the request leaves empty (tools included).
 *
 * <p>The response becomes a {@link Generation}: the text ({@code ""} when none), every tool call (parallel
 * ones included, ids and arguments as the provider sent them), the usage, the finish reason, the model id the
 * provider reported (or the fallback) and the measured latency. Refusals (OpenAI's {@code refusal}, also when
 * streamed; Anthropic's {@code refusal} stop reason), truncation and filtered output are returned as
 * generations whose {@link Generation#failureMode()} says so, never thrown, so partial output is not lost.
 * Provider failures are thrown as {@link ArbiterException}s classified by {@link ProviderFailures}.
 *
 * <p>A streaming model is called and awaited: {@link #generate} blocks until the stream completes, fails, or
 * the stream timeout passes ({@link FailureMode#PROVIDER_UNAVAILABLE}; the stream is cancelled where
 * langchain4j allows it). {@link #generateAsync} does not wait for a stream: a pipeline run by {@code
 * Pipeline.runAsync} holds no thread of its own while the model streams.
 *
 * <p>Immutable and thread-safe if the model is (langchain4j's models are).
 *
 * <pre>{@code
 * Generator generator = LangChain4jGenerator.of(openAiChatModel);
 * Generation g = generator.generate(GenerationRequest.of(Message.user("Summarise the contract.")));
 *
 * Generator streaming = LangChain4jGenerator.builder(openAiStreamingChatModel)
 *         .streamTimeout(Duration.ofMinutes(2))
 *         .fallbackModelId("gpt-4o")
 *         .build();
 * }</pre>
 */
public final class LangChain4jGenerator implements Generator {

    /** How long a stream may take by default. */
    public static final Duration DEFAULT_STREAM_TIMEOUT = Duration.ofMinutes(5);

    /** How deep a cause chain is searched; chains can be cyclic. */
    private static final int MAX_CAUSES = 32;

    private interface Call {
        ChatResponse chat(ChatRequest request);
    }

    private interface StreamingStart {
        CompletableFuture<ChatResponse> start(ChatRequest request);
    }

    /**
     * Adjusts the langchain4j parameters of each request before it is sent, e.g. to add what langchain4j has
     * no generic parameter for. Must be thread-safe and must not return {@code null}.
     *
     * <pre>{@code
     * (request, parameters) -> OpenAiChatRequestParameters.builder()
     *         .overrideWith(parameters)
     *         .seed(request.seed().map(Math::toIntExact).orElse(null))
     *         .build()
     * }</pre>
     */
    @FunctionalInterface
    public interface ParametersCustomizer {
        /**
         * Returns the parameters to send.
         *
         * @param request the Arbiter request
         * @param parameters the parameters mapped from it
         */
        ChatRequestParameters customize(GenerationRequest request, ChatRequestParameters parameters);
    }

    private final Call call;
    /** Starts a stream without waiting for it; null for a model that does not stream. */
    private final @Nullable StreamingStart streamingStart;
    private final String fallbackModelId;
    private final ParametersCustomizer customizer;

    private LangChain4jGenerator(Call call, @Nullable StreamingStart streamingStart, String fallbackModelId,
            ParametersCustomizer customizer) {
        this.call = call;
        this.streamingStart = streamingStart;
        this.fallbackModelId = fallbackModelId;
        this.customizer = customizer;
    }

    /** Returns a generator calling the model, with no fallback model id beyond the model's configured name. */
    public static LangChain4jGenerator of(ChatModel model) {
        return builder(model).build();
    }

    /** Returns a generator streaming from the model, awaiting each stream for {@link #DEFAULT_STREAM_TIMEOUT}. */
    public static LangChain4jGenerator of(StreamingChatModel model) {
        return builder(model).build();
    }

    /** Returns a builder for a generator calling the model. */
    public static Builder builder(ChatModel model) {
        return new Builder(Objects.requireNonNull(model, "model"), null);
    }

    /** Returns a builder for a generator streaming from the model. */
    public static Builder builder(StreamingChatModel model) {
        return new Builder(null, Objects.requireNonNull(model, "model"));
    }

    /**
     * Sends the request and returns the candidate.
     *
     * @throws ArbiterException when the provider fails, classified by {@link ProviderFailures}
     * @throws IllegalArgumentException if a message or tool cannot be sent through langchain4j (a blank system
     *     message, a tool whose parameter schema is not of type object)
     */
    @Override
    public Generation generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        ChatRequest chatRequest = RequestMapper.toChatRequest(request, customizer);
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = call.chat(chatRequest);
        } catch (RuntimeException e) {
            return failed(e, Duration.ofNanos(System.nanoTime() - start));
        }
        return answered(response, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether {@link #generateAsync} waits on the calling thread: for a model that does not stream. */
    @Override
    public boolean waitsOnCaller() {
        return streamingStart == null;
    }

    /**
     * Sends the request and completes the future with the candidate, as {@link #generate} returns it or throws
     * (an {@link ArbiterException} classified by {@link ProviderFailures}). A streaming model is not waited for: the
     * future completes on the thread that ends the stream (langchain4j's), or on Arbiter's timeout thread when the
     * stream timeout passes. A model that does not stream is called on the calling thread, as {@link #generate}.
     */
    @Override
    public CompletableFuture<Generation> generateAsync(GenerationRequest request) {
        StreamingStart streaming = streamingStart;
        if (streaming == null) {
            return Generator.super.generateAsync(request);
        }
        ChatRequest chatRequest;
        try {
            chatRequest = RequestMapper.toChatRequest(Objects.requireNonNull(request, "request"), customizer);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long start = System.nanoTime();
        return streaming.start(chatRequest).handle((response, failure) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (failure == null) {
                return answered(response, latency);
            }
            Throwable cause = ArbiterHttpClient.unwrap(failure);
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof ArbiterException arbiter) {
                throw arbiter; // the stream timeout, already classified
            }
            return failed(cause instanceof RuntimeException r ? r : new CompletionException(cause), latency);
        });
    }

    /** The call failed: a refusal is an answer; anything else is thrown, classified. */
    private Generation failed(RuntimeException e, Duration latency) {
        if (isRefusal(e)) {
            return ResponseMapper.refusal(e.getMessage() == null ? "" : e.getMessage(), latency, fallbackModelId);
        }
        throw ProviderFailures.classify(e);
    }

    private Generation answered(ChatResponse response, Duration latency) {
        try {
            @Nullable String reported = response.modelName();
            String modelId = reported == null || reported.isBlank() ? fallbackModelId : reported;
            return ResponseMapper.toGeneration(response, latency, modelId);
        } catch (ProviderStreamException e) {
            throw ProviderFailures.classify(e);
        } catch (ArbiterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE,
                    "the provider's response could not be mapped: " + e, ProviderDetail.NONE, e);
        }
    }

    /** langchain4j's OpenAI module throws a refusal as a ContentFilteredException with no HTTP response behind it. */
    private static boolean isRefusal(RuntimeException e) {
        if (!(e instanceof ContentFilteredException)) {
            return false;
        }
        int depth = 0;
        for (Throwable t = e.getCause(); t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof HttpException) {
                return false;
            }
        }
        return true;
    }

    private static String modelName(Supplier<ChatRequestParameters> defaults) {
        try {
            ChatRequestParameters parameters = defaults.get();
            return parameters == null || parameters.modelName() == null ? "" : parameters.modelName();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Builds a {@link LangChain4jGenerator}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final @Nullable ChatModel chatModel;
        private final @Nullable StreamingChatModel streamingModel;
        private @Nullable Duration streamTimeout;
        private @Nullable String fallbackModelId;
        private ParametersCustomizer customizer = (request, parameters) -> parameters;

        private Builder(@Nullable ChatModel chatModel, @Nullable StreamingChatModel streamingModel) {
            this.chatModel = chatModel;
            this.streamingModel = streamingModel;
        }

        /**
         * Sets how long a stream may take from request to completion; for streaming models only. Default
         * {@link #DEFAULT_STREAM_TIMEOUT}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder streamTimeout(Duration streamTimeout) {
            Objects.requireNonNull(streamTimeout, "streamTimeout");
            if (streamTimeout.isNegative() || streamTimeout.isZero()) {
                throw new IllegalArgumentException("streamTimeout must be positive, was " + streamTimeout);
            }
            this.streamTimeout = streamTimeout;
            return this;
        }

        /**
         * Sets the model id reported when the provider reports none. Default: the model name the langchain4j
         * model was configured with, or {@code ""}.
         */
        public Builder fallbackModelId(String fallbackModelId) {
            this.fallbackModelId = Objects.requireNonNull(fallbackModelId, "fallbackModelId");
            return this;
        }

        /** Sets the customizer that adjusts the langchain4j parameters of each request. Default: none. */
        public Builder parametersCustomizer(ParametersCustomizer customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Builds the generator.
         *
         * @throws IllegalStateException if a stream timeout was set for a model that does not stream
         */
        public LangChain4jGenerator build() {
            ChatModel model = chatModel;
            if (model != null) {
                if (streamTimeout != null) {
                    throw new IllegalStateException("streamTimeout applies to streaming models only");
                }
                String fallback = fallbackModelId != null ? fallbackModelId : modelName(model::defaultRequestParameters);
                return new LangChain4jGenerator(request -> model.chat(request), null, fallback, customizer);
            }
            StreamingChatModel streaming = Objects.requireNonNull(streamingModel, "streamingModel");
            Duration timeout = streamTimeout != null ? streamTimeout : DEFAULT_STREAM_TIMEOUT;
            String fallback = fallbackModelId != null ? fallbackModelId : modelName(streaming::defaultRequestParameters);
            return new LangChain4jGenerator(request -> StreamingCall.chat(streaming, request, timeout),
                    request -> StreamingCall.start(streaming, request, timeout), fallback, customizer);
        }
    }
}
