package dev.arbiter.steering.context.internal;

import dev.arbiter.core.Digests;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.ContextManifest;
import dev.arbiter.steering.context.ContextQuery;
import dev.arbiter.steering.context.Disposition;
import dev.arbiter.steering.context.InjectionFlag;
import dev.arbiter.steering.context.Treatment;
import dev.langchain4j.data.embedding.Embedding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One assembly: {@code Verify(Pack(Summarise(Dedupe(Order(Filter(items))))))}. Not thread-safe; one run per call.
 */
public final class AssemblyRun {

    private static final int MAX_REPACKS = 8;

    private final AssemblerSettings settings;
    private final ContextQuery query;
    private final List<ContextItem> items;
    private final int budget;
    private final Map<String, Disposition.Dropped> dropped = new HashMap<>();
    private final Map<String, List<InjectionFlag>> flags = new HashMap<>();
    private final Map<String, String> digests = new HashMap<>();
    private final Map<String, Summaries.Result> summaries = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();

    private AssemblyRun(AssemblerSettings settings, ContextQuery query, List<ContextItem> items, int budget) {
        this.settings = settings;
        this.query = query;
        this.items = List.copyOf(items);
        this.budget = budget;
    }

    /**
     * Assembles the items into the budget.
     *
     * @throws IllegalArgumentException if the budget is negative, two items share a source id, or an item's id
     *     is the derived id of another item's summary
     */
    public static AssembledContext assemble(
            AssemblerSettings settings, ContextQuery query, List<ContextItem> items, int budget) {
        return new AssemblyRun(settings, query, items, budget).run();
    }

    private AssembledContext run() {
        validate();
        filter();
        Map<String, Embedding> embeddings = embed();
        List<Candidate> ordered = order(rank(embeddings));
        List<Candidate> kept = Deduplicator.dedupe(ordered, settings, embeddings, dropped);
        Packer.Result packed = pack(kept);
        dropped.putAll(packed.dropped());
        return result(packed, ordered);
    }

    private void validate() {
        if (budget < 0) {
            throw new IllegalArgumentException("token budget must not be negative, was " + budget);
        }
        Set<String> ids = new HashSet<>();
        for (ContextItem item : items) {
            if (!ids.add(item.sourceId())) {
                throw new IllegalArgumentException("source id '" + item.sourceId() + "' is given twice");
            }
        }
        for (ContextItem item : items) {
            String derived = item.sourceId() + Packer.SUMMARY_SUFFIX;
            if (item.treatment() == Treatment.SUMMARIZE && ids.contains(derived)) {
                throw new IllegalArgumentException("source id '" + derived + "' is reserved for the summary of '"
                        + item.sourceId() + "'");
            }
        }
    }

    /** Scans untrusted items, drops EXCLUDE and empty ones, and makes candidates of the rest. */
    private void filter() {
        for (int i = 0; i < items.size(); i++) {
            ContextItem item = items.get(i);
            String digest = Digests.contentSha256Hex(item.content());
            digests.put(item.sourceId(), digest);
            if (!item.isTrusted()) {
                flags.put(item.sourceId(), settings.scan(digest, item.content()));
            }
            if (item.treatment() == Treatment.EXCLUDE) {
                drop(item, Disposition.Reason.EXCLUDED, "its treatment is EXCLUDE");
            } else if (item.content().isBlank()) {
                drop(item, Disposition.Reason.EMPTY, "its content is empty or blank");
            } else {
                candidates.add(new Candidate(item, i, digest, settings.count(digest, item.content()), 0));
            }
        }
    }

    private void drop(ContextItem item, Disposition.Reason reason, String explanation) {
        dropped.put(item.sourceId(), new Disposition.Dropped(reason, "", explanation));
    }

    private Map<String, Embedding> embed() {
        Embeddings embeddings = settings.embeddings();
        if (embeddings == null || candidates.isEmpty()) {
            return Map.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        candidates.forEach(c -> texts.putIfAbsent(c.digest(), c.item().content()));
        return embeddings.embedAll(texts);
    }

    private List<Candidate> rank(Map<String, Embedding> embeddings) {
        Embeddings model = settings.embeddings();
        if (model == null || embeddings.isEmpty() || query.task().isBlank()) {
            return candidates;
        }
        Embedding q = model.embed(query.task());
        return candidates.stream().map(c -> c.withRelevance(Embeddings.cosine(q, embeddings.get(c.digest())))).toList();
    }

    private static List<Candidate> order(List<Candidate> ranked) {
        return ranked.stream()
                .sorted(Comparator.comparingInt((Candidate c) -> -c.item().priority())
                        .thenComparing(Comparator.comparingDouble(Candidate::relevance).reversed())
                        .thenComparingInt(Candidate::index))
                .toList();
    }

    /**
     * Packs under a fresh boundary; again under another if a summary turns out to contain it. With nothing to place
     * no boundary is drawn (the manifest's is empty).
     */
    private Packer.Result pack(List<Candidate> kept) {
        if (kept.isEmpty()) {
            return new Packer.Result(List.of(), Map.of(), "", List.of(), 0); // nothing to place, fence, count or prove
        }
        for (int attempt = 0; attempt < MAX_REPACKS; attempt++) {
            List<String> texts = new ArrayList<>();
            for (ContextItem item : items) {
                if (settings.mayContainBoundary(digests.get(item.sourceId()), item.content())) {
                    texts.add(item.content()); // most contents cannot hold a boundary, and that is cached
                }
                texts.add(item.sourceId());
                texts.add(item.origin());
            }
            summaries.values().forEach(r -> texts.add(r.summary()));
            String boundary = Fences.chooseBoundary(settings.random(), texts);
            try {
                return new Packer(settings, budget, boundary, this::summarize).pack(kept);
            } catch (Packer.BoundaryCollision collision) {
                // the summaries are memoised: the next boundary is chosen to avoid them
            }
        }
        throw new IllegalStateException("summaries kept containing fresh fence boundaries " + MAX_REPACKS
                + " times in a row; the random source is not random");
    }

    private Summaries.Result summarize(Candidate c) {
        return summaries.computeIfAbsent(c.id(), id -> settings.summarizer() == null
                ? new Summaries.Result("", "no summariser is configured on this assembler")
                : Summaries.summarize(settings.summarizer(), id, c.item().content(), settings.summaryMaxTokens(),
                        settings.random()));
    }

    private AssembledContext result(Packer.Result packed, List<Candidate> ordered) {
        Map<String, Packer.Block> placedById = new HashMap<>();
        List<Source> sources = new ArrayList<>();
        for (Packer.Block b : packed.placed()) {
            ContextItem item = b.candidate().item();
            placedById.put(item.sourceId(), b);
            if (b.disposition() instanceof Disposition.Summarized) {
                sources.add(Source.of(item.sourceId(), item.origin(), item.content(), item.trust()));
                sources.add(Source.of(b.renderId(), "derived:summary-of:" + item.sourceId(), b.content(),
                        Trust.UNTRUSTED));
            } else {
                sources.add(Source.of(item.sourceId(), item.origin(), b.content(), item.trust()));
            }
        }
        Map<String, Integer> tokensBefore = new HashMap<>();
        candidates.forEach(c -> tokensBefore.put(c.id(), c.tokens()));
        List<ContextManifest.Entry> entries = new ArrayList<>();
        for (ContextItem item : items) {
            Packer.Block b = placedById.get(item.sourceId());
            Disposition disposition = b != null ? b.disposition() : dropped.get(item.sourceId());
            entries.add(new ContextManifest.Entry(item.sourceId(), item.origin(), item.trust(), item.treatment(),
                    item.priority(), digests.get(item.sourceId()),
                    tokensBefore.computeIfAbsent(item.sourceId(),
                            id -> settings.count(digests.get(id), item.content())),
                    b == null ? 0 : b.contentTokens(), disposition, flags.getOrDefault(item.sourceId(), List.of())));
        }
        Map<String, Double> relevance = new LinkedHashMap<>();
        if (settings.embeddings() != null && !query.task().isBlank()) {
            ordered.forEach(c -> relevance.put(c.id(), c.relevance()));
        }
        ContextManifest manifest = new ContextManifest(budget, packed.tokens(), settings.counter().name(),
                packed.boundary(), entries, relevance);
        return AssembledContext.ofParts(packed.textParts(), Evidence.of(sources), manifest);
    }
}
