package dev.arbiter.steering.context;

import java.util.List;

/**
 * A supplier of context items for a request: a retriever, a search index, a tool result store, the user's files.
 *
 * <p>Implementations label what they return: {@link dev.arbiter.core.Trust#UNTRUSTED} for anything from outside
 * the application's control (retrieved documents, web pages, e-mails, tool outputs), and a {@link Treatment} per
 * item. They must be thread-safe: one source serves many concurrent requests.
 *
 * <pre>{@code
 * ContextSource kb = query -> index.search(query.task(), 5).stream()
 *         .map(hit -> ContextItem.untrusted(hit.id(), hit.text()).withTreatment(Treatment.QUOTE))
 *         .toList();
 * }</pre>
 */
@FunctionalInterface
public interface ContextSource {

    /**
     * Returns the items this source offers for the query.
     *
     * @param query what the context is for; never {@code null}
     * @return the items, possibly empty, never {@code null}; source ids must be unique within one assembly
     * @throws dev.arbiter.core.ArbiterException when the source fails (e.g. {@link
     *     dev.arbiter.core.FailureMode#CONTEXT_MISSING} when material the task needs cannot be had)
     */
    List<ContextItem> supply(ContextQuery query);
}
