package dev.arbiter.core;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything sent to a model for one generation: the messages, the tools offered, the response schema and
 * the sampling parameters, plus attributes that travel with the request but are not sent.
 *
 * <p>{@link #digest()} is the SHA-256 of the request's canonical JSON form (see {@link JsonCodec} and
 * {@link CanonicalJson}): equal requests have equal digests in every run and every JVM, and any change to the
 * messages, tools, schema or parameters changes it. Attributes are not part of the digest because they are
 * never sent to the model (a run id there would otherwise make every request unique).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}, copy with {@link #toBuilder()}.
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.builder()
 *         .addMessage(Message.system("Extract the invoice."))
 *         .addMessage(Message.user(text))
 *         .responseSchema(ResponseSchema.of("invoice", schemaJson))
 *         .temperature(0.0)
 *         .build();
 * }</pre>
 */
public final class GenerationRequest {

    private final List<Message> messages;
    private final List<ToolSpec> tools;
    private final @Nullable ResponseSchema responseSchema;
    private final @Nullable Double temperature;
    private final @Nullable Integer maxOutputTokens;
    private final List<String> stopSequences;
    private final @Nullable Long seed;
    private final Map<String, String> attributes;
    private volatile @Nullable String digest;
    /** Where this request's digest keeps the state after its messages, for the requests built from this one. */
    private final MessagesState messagesState = new MessagesState();
    /**
     * The state the request this one was {@linkplain #toBuilder() built from} keeps, when this request's messages start
     * with all of that one's (the same objects) and its {@code maxOutputTokens} is the same; otherwise {@code null}.
     */
    private final @Nullable MessagesState baseState;
    /** How many messages {@link #baseState} was kept after. */
    private final int baseMessages;

    private GenerationRequest(Builder b) {
        if (b.messages.isEmpty()) {
            throw new IllegalArgumentException("a generation request needs at least one message");
        }
        this.messages = List.copyOf(b.messages);
        this.tools = List.copyOf(b.tools);
        Set<String> names = new HashSet<>();
        for (ToolSpec t : tools) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tool '" + t.name() + "' is offered twice");
            }
        }
        this.responseSchema = b.responseSchema;
        this.temperature = b.temperature;
        this.maxOutputTokens = b.maxOutputTokens;
        this.stopSequences = List.copyOf(b.stopSequences);
        this.seed = b.seed;
        this.attributes = Map.copyOf(b.attributes);
        GenerationRequest origin = b.origin;
        if (origin != null && Objects.equals(origin.maxOutputTokens, maxOutputTokens)
                && startsWith(messages, origin.messages)) {
            this.baseState = origin.messagesState;
            this.baseMessages = origin.messages.size();
        } else {
            this.baseState = null;
            this.baseMessages = 0;
        }
    }

    private static boolean startsWith(List<Message> messages, List<Message> start) {
        if (messages.size() < start.size()) {
            return false;
        }
        for (int i = 0; i < start.size(); i++) {
            if (messages.get(i) != start.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Returns a request of the given messages with no tools, schema or parameters. */
    public static GenerationRequest of(Message... messages) {
        return builder().messages(List.of(messages)).build();
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.origin = this;
        b.messages.addAll(messages);
        b.tools.addAll(tools);
        b.responseSchema = responseSchema;
        b.temperature = temperature;
        b.maxOutputTokens = maxOutputTokens;
        b.stopSequences.addAll(stopSequences);
        b.seed = seed;
        b.attributes.putAll(attributes);
        return b;
    }

    /** The messages, in order; never empty. */
    public List<Message> messages() {
        return messages;
    }

    /** The tools offered to the model, in order. */
    public List<ToolSpec> tools() {
        return tools;
    }

    /** The schema the response must follow, if any. */
    public Optional<ResponseSchema> responseSchema() {
        return Optional.ofNullable(responseSchema);
    }

    /** The sampling temperature, if set. */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /** The maximum number of output tokens, if set. */
    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == null ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    /** Sequences that stop generation, in order. */
    public List<String> stopSequences() {
        return stopSequences;
    }

    /** The sampling seed, if set. */
    public Optional<Long> seed() {
        return Optional.ofNullable(seed);
    }

    /** Attributes that travel with the request (step name, run id); never sent to the model, not in the digest. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** Returns the attribute with the given key. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /**
     * Returns the SHA-256 (64 hex characters) of the canonical JSON form of everything sent to the model:
     * messages, tools, response schema and parameters. Stable across runs and JVMs.
     */
    public String digest() {
        String d = digest;
        if (d == null) {
            d = JsonCodec.requestDigest(this);
            digest = d;
        }
        return d;
    }

    /**
     * The SHA-256 state after the canonical form of the request this one was built from, through its last message, if
     * that request's digest kept one and this request goes on from it; {@code null} otherwise.
     */
    @Nullable MessageDigest baseState() {
        MessagesState s = baseState;
        return s == null ? null : s.state;
    }

    /** How many of the messages {@link #baseState()} has taken in. */
    int baseMessages() {
        return baseMessages;
    }

    /** Keeps the state after this request's canonical form through its last message, for requests built from it. */
    void keepMessagesState(MessageDigest state) {
        messagesState.state = state;
    }

    /**
     * Holds the SHA-256 state after a request's canonical form through its last message: <code>{</code>, the
     * {@code maxOutputTokens} member, <code>"messages":[</code> and every message, without the closing {@code ]}. A
     * request built from it with {@link #toBuilder()} that only adds messages (a tool round, a repair) and keeps
     * {@code maxOutputTokens} starts with exactly those bytes, so its digest goes on from a copy of the state instead of
     * escaping and hashing the conversation again. A state is set once it is made and never changed, only copied.
     */
    static final class MessagesState {
        volatile @Nullable MessageDigest state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenerationRequest r
                && messages.equals(r.messages)
                && tools.equals(r.tools)
                && Objects.equals(responseSchema, r.responseSchema)
                && Objects.equals(temperature, r.temperature)
                && Objects.equals(maxOutputTokens, r.maxOutputTokens)
                && stopSequences.equals(r.stopSequences)
                && Objects.equals(seed, r.seed)
                && attributes.equals(r.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messages, tools, responseSchema, temperature, maxOutputTokens, stopSequences, seed, attributes);
    }

    @Override
    public String toString() {
        return "GenerationRequest{digest=" + digest() + ", messages=" + messages.size() + ", tools="
                + tools.stream().map(ToolSpec::name).toList()
                + (responseSchema == null ? "" : ", schema=" + responseSchema.name()) + "}";
    }

    /** Builds a {@link GenerationRequest}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private final List<Message> messages = new ArrayList<>();
        private final List<ToolSpec> tools = new ArrayList<>();
        private @Nullable ResponseSchema responseSchema;
        private @Nullable Double temperature;
        private @Nullable Integer maxOutputTokens;
        private final List<String> stopSequences = new ArrayList<>();
        private @Nullable Long seed;
        private final Map<String, String> attributes = new TreeMap<>();
        /** The request {@link GenerationRequest#toBuilder()} made this builder from, if it did. */
        private @Nullable GenerationRequest origin;

        private Builder() {}

        /** Replaces the messages. */
        public Builder messages(List<Message> messages) {
            this.messages.clear();
            messages.forEach(this::addMessage);
            return this;
        }

        /** Appends a message. */
        public Builder addMessage(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Replaces the offered tools. */
        public Builder tools(List<ToolSpec> tools) {
            this.tools.clear();
            tools.forEach(this::addTool);
            return this;
        }

        /** Offers one more tool. */
        public Builder addTool(ToolSpec tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** Sets or clears the response schema. */
        public Builder responseSchema(@Nullable ResponseSchema responseSchema) {
            this.responseSchema = responseSchema;
            return this;
        }

        /** Sets or clears the temperature; must be between 0 and 2. */
        public Builder temperature(@Nullable Double temperature) {
            if (temperature != null && !(temperature >= 0.0 && temperature <= 2.0)) {
                throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** Sets or clears the output token limit; must be positive. */
        public Builder maxOutputTokens(@Nullable Integer maxOutputTokens) {
            if (maxOutputTokens != null && maxOutputTokens <= 0) {
                throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
            }
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        /** Replaces the stop sequences; none may be empty. */
        public Builder stopSequences(List<String> stopSequences) {
            for (String s : stopSequences) {
                if (Objects.requireNonNull(s, "stop sequence").isEmpty()) {
                    throw new IllegalArgumentException("stop sequences must not be empty");
                }
            }
            this.stopSequences.clear();
            this.stopSequences.addAll(stopSequences);
            return this;
        }

        /** Sets or clears the seed. */
        public Builder seed(@Nullable Long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets one attribute. */
        public Builder attribute(String key, String value) {
            attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalArgumentException if there are no messages or a tool name is offered twice
         */
        public GenerationRequest build() {
            return new GenerationRequest(this);
        }
    }
}
