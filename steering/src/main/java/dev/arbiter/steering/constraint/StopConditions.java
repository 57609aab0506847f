package dev.arbiter.steering.constraint;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * When one generation stops: stop sequences and the most output tokens of a single generation (sent to the
 * provider). Not to be confused with {@link Budget#outputTokens()}, which caps all attempts of a step together.
 *
 * <p>Immutable and thread-safe.
 */
public final class StopConditions {

    private static final StopConditions NONE = new StopConditions(List.of(), 0);

    private final List<String> sequences;
    private final int maxOutputTokens;

    private StopConditions(List<String> sequences, int maxOutputTokens) {
        this.sequences = sequences;
        this.maxOutputTokens = maxOutputTokens;
    }

    /** Returns no stop conditions. */
    public static StopConditions none() {
        return NONE;
    }

    /** Returns stop conditions with these stop sequences (none empty) and no token limit. */
    public static StopConditions sequences(List<String> sequences) {
        List<String> copy = List.copyOf(sequences);
        for (String s : copy) {
            if (s.isEmpty()) throw new IllegalArgumentException("stop sequences must not be empty: " + sequences);
        }
        return new StopConditions(copy, 0);
    }

    /** Returns a copy with the most output tokens of one generation; must be positive. */
    public StopConditions withMaxOutputTokens(int tokens) {
        if (tokens <= 0) throw new IllegalArgumentException("maxOutputTokens must be positive, was " + tokens);
        return new StopConditions(sequences, tokens);
    }

    /** Returns the stop sequences. */
    public List<String> sequences() {
        return sequences;
    }

    /** Returns the most output tokens of one generation, if limited. */
    public OptionalInt maxOutputTokens() {
        return maxOutputTokens == 0 ? OptionalInt.empty() : OptionalInt.of(maxOutputTokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StopConditions s && sequences.equals(s.sequences) && maxOutputTokens == s.maxOutputTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequences, maxOutputTokens);
    }

    @Override
    public String toString() {
        return "StopConditions[sequences=" + sequences + ", maxOutputTokens=" + maxOutputTokens() + "]";
    }
}
