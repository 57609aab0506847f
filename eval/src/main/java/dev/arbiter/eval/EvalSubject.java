package dev.arbiter.eval;

import dev.arbiter.core.Generator;
import java.util.Objects;
import java.util.function.Function;

/**
 * What is evaluated: any function from a case's input to an output, given the {@link Generator} to use for its
 * model calls.
 *
 * <p>The harness hands every run its own generator: the harness's provider behind the response cache, the
 * retries, the rate limits and the token and cost accounting. A subject that makes its model calls through it
 * gets all of these; one that calls a model some other way still runs, but is neither cached nor counted.
 * Implementations must be thread-safe: cases run concurrently.
 *
 * <pre>{@code
 * EvalSubject<String, String> subject = (text, generator) ->
 *         generator.generate(GenerationRequest.of(Message.user("Classify: " + text))).text();
 * EvalSubject<Invoice, Decision> pipeline = (invoice, generator) -> Pipeline.of(generator).run(invoice);
 * }</pre>
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface EvalSubject<I, O> {

    /**
     * Produces the output for one input.
     *
     * @param input the case's input; never {@code null}
     * @param generator the generator to make model calls with; never {@code null}
     * @return the output; must not be {@code null} (a {@code null} is recorded as a failed run)
     * @throws Exception any failure, recorded as a failed run of the case (an {@link dev.arbiter.core.ArbiterException}
     *     with its failure mode)
     */
    O run(I input, Generator generator) throws Exception;

    /** Returns a subject of a function that makes no model calls through the harness (nothing cached or counted). */
    static <I, O> EvalSubject<I, O> of(Function<? super I, ? extends O> function) {
        Objects.requireNonNull(function, "function");
        return (input, generator) -> function.apply(input);
    }
}
