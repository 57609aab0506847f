package dev.arbiter.steering.context;

import java.util.Objects;

/**
 * One stretch of instruction-like text found in untrusted content: which rule matched, and where.
 *
 * <p>A flag is information for people and for verifiers; the text stays in the context (inside its fence).
 * Immutable and thread-safe.
 *
 * @param ruleId the id of the {@link InjectionRule} that matched
 * @param start the offset of the first matched character in the item's content (UTF-16 index)
 * @param end the offset just past the last matched character; greater than {@code start}
 * @param excerpt the matched text, shortened to at most 120 characters
 */
public record InjectionFlag(String ruleId, int start, int end, String excerpt) {

    public InjectionFlag {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(excerpt, "excerpt");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("flag of rule '" + ruleId + "' has an empty or negative span [" + start
                    + ", " + end + ")");
        }
    }

    /** Returns whether this flag's span overlaps {@code [from, to)}. */
    public boolean overlaps(int from, int to) {
        return start < to && from < end;
    }
}
