package dev.arbiter.core.testing;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link Generator} that answers from a script written in code: a sequence of responses served once each,
 * in order, and rules that answer every request they match.
 *
 * <p>For each request, the rules are checked first, in the order they were added; the first whose predicate
 * matches answers. When no rule matches, the next unused response of the sequence answers. A response is a
 * fixed {@link Generation}, a function of the request, or an {@link ArbiterException} to throw (to script a
 * provider failure such as a 429 with {@code Retry-After}); a scripted exception is thrown as the same
 * instance every time it is selected. When no rule matches and the sequence is used up, {@link #generate}
 * throws an {@link IllegalStateException} naming the request's digest and how many calls were served: a
 * scripted generator never returns a default.
 *
 * <p>Every request received is kept, in order, for assertions ({@link #requests()}, {@link #lastRequest()},
 * {@link #callCount()}), including requests that were answered by an exception or not answered at all.
 *
 * <p>Thread-safe: requests are numbered and responses selected under a lock, so concurrent callers each get
 * a distinct response of the sequence. Rule predicates run under that lock, so they must be quick and must not
 * call the generator; response functions run outside it and must be thread-safe themselves. Nothing is {@code null}: a response function that returns {@code null} makes the call fail with
 * an {@link IllegalStateException} naming the call.
 *
 * <pre>{@code
 * ArbiterException rateLimited = ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "rate limited",
 *         ProviderDetail.builder().httpStatus(429).retryAfter(Duration.ofSeconds(2)).build(), null);
 * ScriptedGenerator generator = ScriptedGenerator.builder()
 *         .throwing(rateLimited)
 *         .respond(Generation.ofText("{\"total\": 42}"))
 *         .build();
 * // ... run the step ...
 * assertThat(generator.callCount()).isEqualTo(2);
 * }</pre>
 */
public final class ScriptedGenerator implements Generator {

    private final List<Response> sequence;
    private final List<Rule> rules;
    private final Object lock = new Object();
    private final List<GenerationRequest> received = new ArrayList<>();
    private int nextInSequence;
    private int served;

    private ScriptedGenerator(Builder builder) {
        this.sequence = List.copyOf(builder.sequence);
        this.rules = List.copyOf(builder.rules);
    }

    /**
     * Returns a generator that serves the given generations once each, in order. With no generations it fails
     * every call, for tests asserting that a step never reaches the model.
     */
    public static ScriptedGenerator of(Generation... generations) {
        Builder builder = builder();
        for (Generation g : generations) {
            builder.respond(g);
        }
        return builder.build();
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the response the script selects for the request.
     *
     * @throws ArbiterException when the selected response is a scripted failure
     * @throws IllegalStateException when no rule matches and the sequence is used up, or a response function
     *     returned {@code null}
     */
    @Override
    public Generation generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        Response response;
        int call;
        synchronized (lock) {
            received.add(request);
            call = received.size();
            response = select(request, call);
            served++;
        }
        Generation generation = response.answer().apply(request);
        if (generation == null) {
            throw new IllegalStateException("the scripted response for call " + call + " (" + response.description()
                    + ") returned null for request " + request.digest());
        }
        return generation;
    }

    private Response select(GenerationRequest request, int call) {
        for (Rule rule : rules) {
            if (rule.predicate().test(request)) {
                return rule.response();
            }
        }
        if (nextInSequence < sequence.size()) {
            return sequence.get(nextInSequence++);
        }
        throw new IllegalStateException("scripted generator has no response for request " + request.digest()
                + " (call " + call + "): " + why() + "; it served " + served + (served == 1 ? " call" : " calls")
                + ". Last message: " + preview(request));
    }

    private String why() {
        if (sequence.isEmpty() && rules.isEmpty()) {
            return "the script is empty";
        }
        String used = sequence.isEmpty() ? "the script has no sequence" : "all " + sequence.size()
                + (sequence.size() == 1 ? " scripted response is" : " scripted responses are") + " used up";
        return rules.isEmpty() ? used : used + " and no rule matched (" + rules.size() + " checked)";
    }

    private static String preview(GenerationRequest request) {
        List<Message> messages = request.messages();
        Message last = messages.get(messages.size() - 1);
        String text;
        if (last instanceof Message.System s) {
            text = s.text();
        } else if (last instanceof Message.User u) {
            text = u.text();
        } else if (last instanceof Message.Assistant a) {
            text = a.text();
        } else {
            text = ((Message.ToolResult) last).content();
        }
        String shown = text.length() <= 80 ? text : text.substring(0, 77) + "...";
        return last.role() + ": \"" + shown + "\"";
    }

    /** Returns the requests received so far, in order, as an immutable snapshot. */
    public List<GenerationRequest> requests() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /**
     * Returns the most recent request received.
     *
     * @throws IllegalStateException if no request has been received
     */
    public GenerationRequest lastRequest() {
        synchronized (lock) {
            if (received.isEmpty()) {
                throw new IllegalStateException("the scripted generator has received no request yet");
            }
            return received.get(received.size() - 1);
        }
    }

    /** Returns how many times {@link #generate} was called, whether or not the call was answered. */
    public int callCount() {
        synchronized (lock) {
            return received.size();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ScriptedGenerator{sequence=" + nextInSequence + "/" + sequence.size() + " used, rules="
                    + rules.size() + ", calls=" + received.size() + "}";
        }
    }

    private record Response(Function<GenerationRequest, Generation> answer, String description) {}

    private record Rule(Predicate<GenerationRequest> predicate, Response response) {}

    /**
     * Builds a {@link ScriptedGenerator}. Not thread-safe; {@link #build()} copies, so a built generator never
     * changes when the builder does.
     */
    public static final class Builder {
        private final List<Response> sequence = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {}

        /** Appends a generation to the sequence. */
        public Builder respond(Generation generation) {
            Objects.requireNonNull(generation, "generation");
            sequence.add(new Response(r -> generation, "generation " + (sequence.size() + 1) + " of the sequence"));
            return this;
        }

        /** Appends a response computed from the request to the sequence. */
        public Builder respond(Function<GenerationRequest, Generation> response) {
            Objects.requireNonNull(response, "response");
            sequence.add(new Response(response, "function " + (sequence.size() + 1) + " of the sequence"));
            return this;
        }

        /** Appends a failure to the sequence: the exception is thrown when its turn comes. */
        public Builder throwing(ArbiterException failure) {
            Objects.requireNonNull(failure, "failure");
            sequence.add(new Response(thrower(failure), "failure " + (sequence.size() + 1) + " of the sequence"));
            return this;
        }

        /** Adds a rule: every request the predicate matches gets the generation. */
        public Builder when(Predicate<GenerationRequest> predicate, Generation generation) {
            Objects.requireNonNull(generation, "generation");
            return rule(predicate, r -> generation, "generation");
        }

        /** Adds a rule: every request the predicate matches gets the response computed from it. */
        public Builder when(Predicate<GenerationRequest> predicate, Function<GenerationRequest, Generation> response) {
            return rule(predicate, Objects.requireNonNull(response, "response"), "function");
        }

        /** Adds a rule: every request the predicate matches makes the generator throw the failure. */
        public Builder whenThrowing(Predicate<GenerationRequest> predicate, ArbiterException failure) {
            return rule(predicate, thrower(Objects.requireNonNull(failure, "failure")), "failure");
        }

        private Builder rule(Predicate<GenerationRequest> predicate, Function<GenerationRequest, Generation> answer,
                String kind) {
            Objects.requireNonNull(predicate, "predicate");
            rules.add(new Rule(predicate, new Response(answer, kind + " of rule " + (rules.size() + 1))));
            return this;
        }

        private static Function<GenerationRequest, Generation> thrower(ArbiterException failure) {
            return r -> {
                throw failure;
            };
        }

        /**
         * Builds the generator. An empty script is allowed: it fails every call, for tests asserting that a
         * step never reaches the model.
         */
        public ScriptedGenerator build() {
            return new ScriptedGenerator(this);
        }
    }
}
