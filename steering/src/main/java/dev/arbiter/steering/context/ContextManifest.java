package dev.arbiter.steering.context;

import dev.arbiter.core.Trust;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The account of one assembly: per item, what happened to it and why, with token counts, digests and injection
 * flags; plus the budget, the token count of the rendered context (never above the budget) and the tokenizer that
 * counted it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param budget the token budget the context was assembled for
 * @param tokens the token count of the rendered context text, counted on the final text; {@code <= budget}
 * @param tokenizer the name of the {@link TokenCounter} that counted
 * @param fenceBoundary the random boundary of this assembly's fences (128 bits, hex); empty when the assembly had no
 *     item to place (no items, or every one excluded or blank), in which case no boundary is drawn. A boundary is
 *     drawn whenever some item reached packing, even if none of them fitted the budget or none was fenced
 * @param entries one entry per item given, in the order given
 * @param relevance the cosine similarity of each ranked item to the query, by source id; empty when not ranked
 */
public record ContextManifest(
        int budget, int tokens, String tokenizer, String fenceBoundary, List<Entry> entries,
        Map<String, Double> relevance) {

    public ContextManifest {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(fenceBoundary, "fenceBoundary");
        entries = List.copyOf(entries);
        relevance = Map.copyOf(relevance);
        if (tokens > budget) {
            throw new IllegalArgumentException("a context of " + tokens + " tokens exceeds its budget of " + budget);
        }
    }

    /** Returns the entry of the item with the given source id. */
    public Optional<Entry> entry(String sourceId) {
        return entries.stream().filter(e -> e.sourceId().equals(sourceId)).findFirst();
    }

    /** Returns the entries of items whose text (or summary) is in the context. */
    public List<Entry> inContext() {
        return entries.stream().filter(e -> e.disposition().isInContext()).toList();
    }

    /** Returns the entries of dropped items. */
    public List<Entry> dropped() {
        return entries.stream().filter(e -> !e.disposition().isInContext()).toList();
    }

    /** Returns the entries that carry injection flags. */
    public List<Entry> flagged() {
        return entries.stream().filter(e -> !e.flags().isEmpty()).toList();
    }

    /**
     * What happened to one item.
     *
     * @param sourceId the item's source id
     * @param origin the item's origin
     * @param trust the item's trust
     * @param treatment the item's treatment
     * @param priority the item's priority
     * @param digest SHA-256 of the item's content as given
     * @param tokensBefore tokens of the content as given
     * @param tokensAfter tokens of what went in (the whole content, the kept sentences, or the summary); 0 if dropped
     * @param disposition included, cut, summarised or dropped (and why)
     * @param flags instruction-like stretches in the content (untrusted items only), by start offset
     */
    public record Entry(
            String sourceId, String origin, Trust trust, Treatment treatment, int priority, String digest,
            int tokensBefore, int tokensAfter, Disposition disposition, List<InjectionFlag> flags) {

        public Entry {
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(treatment, "treatment");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(disposition, "disposition");
            flags = List.copyOf(flags);
        }
    }
}
