package dev.arbiter.eval;

import java.util.List;
import java.util.Objects;

/**
 * One case of a {@link GoldenSet}: an input, what a good answer looks like, and tags for slicing the results.
 *
 * <p>Immutable and thread-safe if the input and expected values are. {@code expected} is never {@code null}: a
 * case loaded from a file without an expectation carries a JSON {@code null} node.
 *
 * @param id the case's id, unique in its set; non-blank, used to pair cases across runs
 * @param input what the subject is given
 * @param expected what a good answer looks like (the reference the scorers compare against)
 * @param tags labels for per-tag results, in order, without duplicates
 * @param <I> the input type
 * @param <E> the expected type
 */
public record GoldenCase<I, E>(String id, I input, E expected, List<String> tags) {

    public GoldenCase {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a golden case id must not be blank");
        }
        Objects.requireNonNull(input, "input of case " + id);
        Objects.requireNonNull(expected, "expected of case " + id);
        tags = List.copyOf(tags);
        if (tags.stream().distinct().count() != tags.size()) {
            throw new IllegalArgumentException("case '" + id + "' repeats a tag: " + tags);
        }
        for (String tag : tags) {
            if (tag.isBlank()) {
                throw new IllegalArgumentException("case '" + id + "' has a blank tag");
            }
        }
    }

    /** Returns a case with the given tags. */
    public static <I, E> GoldenCase<I, E> of(String id, I input, E expected, String... tags) {
        return new GoldenCase<>(id, input, expected, List.of(tags));
    }
}
