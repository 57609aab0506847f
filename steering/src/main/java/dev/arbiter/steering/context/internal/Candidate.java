package dev.arbiter.steering.context.internal;

import dev.arbiter.steering.context.ContextItem;

/**
 * An item still in the running, with its position as given, the SHA-256 and token count of its content, and its
 * relevance to the query (0 when not ranked).
 */
record Candidate(ContextItem item, int index, String digest, int tokens, double relevance) {

    String id() {
        return item.sourceId();
    }

    Candidate withRelevance(double relevance) {
        return new Candidate(item, index, digest, tokens, relevance);
    }
}
