package dev.arbiter.workflow.internal;

import dev.arbiter.steering.Composition;
import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.ContextQuery;
import dev.arbiter.steering.context.ContextSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose for one step run: the task text from the input, the items of every source, assembled into the
 * current token budget, and the composer's contract and spec. Re-retrieval passes what was missing or wrong
 * to the sources as query attributes; shrinking halves the budget. Not thread-safe.
 *
 * @param <I> the step's input
 */
final class Composer<I> {

    /** Query attribute: which retrieval this is, 1-based. */
    static final String RETRIEVAL = "arbiter.retrieval";
    /** Query attribute: what the verifiers found missing or wrong, one finding per line. */
    static final String FINDINGS = "arbiter.findings";

    private final GovernedSettings<I, ?> s;
    private final String task;
    private int tokens;
    private int retrievals;

    Composer(GovernedSettings<I, ?> settings, I input) {
        this.s = settings;
        this.task = settings.task().apply(input);
        this.tokens = settings.contextTokens();
    }

    Composition compose(boolean shrink, List<String> hints) {
        if (shrink) {
            tokens = Math.max(1, tokens / 2);
        }
        retrievals++;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(RETRIEVAL, Integer.toString(retrievals));
        if (!hints.isEmpty()) {
            attributes.put(FINDINGS, String.join("\n", hints));
        }
        ContextQuery query = new ContextQuery(task, attributes);
        List<ContextItem> items = new ArrayList<>();
        for (ContextSource source : s.sources()) {
            items.addAll(source.supply(query));
        }
        AssembledContext context = s.assembler().assemble(query, items, tokens);
        return s.composer().compose(task, context);
    }

    int tokens() {
        return tokens;
    }
}
