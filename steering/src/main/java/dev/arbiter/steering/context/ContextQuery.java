package dev.arbiter.steering.context;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What context is wanted for: the task in words, plus attributes a {@link ContextSource} may use (tenant, user,
 * locale, step). The task is also what relevance ranking compares items with.
 *
 * <p>Immutable and thread-safe.
 *
 * @param task the task or question in words; may be empty, never {@code null}
 * @param attributes free-form attributes; copied
 */
public record ContextQuery(String task, Map<String, String> attributes) {

    public ContextQuery {
        Objects.requireNonNull(task, "task");
        attributes = Map.copyOf(attributes);
    }

    /** Returns a query for the task with no attributes. */
    public static ContextQuery of(String task) {
        return new ContextQuery(task, Map.of());
    }

    /** Returns a query with no task and no attributes: relevance ranking does nothing for it. */
    public static ContextQuery none() {
        return of("");
    }

    /** Returns the attribute with the given key. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
