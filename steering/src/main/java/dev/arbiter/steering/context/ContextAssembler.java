package dev.arbiter.steering.context;

import dev.arbiter.core.Generator;
import dev.arbiter.core.SecureRandoms;
import dev.arbiter.steering.context.internal.AssemblerSettings;
import dev.arbiter.steering.context.internal.AssemblyRun;
import dev.arbiter.steering.context.internal.BoundedCache;
import dev.arbiter.steering.context.internal.Embeddings;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Packs {@link ContextItem}s into a token budget and renders them for a prompt, untrusted ones fenced.
 *
 * <p>One assembly is {@code Verify(Pack(Summarise(Dedupe(Order(Filter(items))))))}:
 * <ol>
 *   <li><b>Filter</b>: EXCLUDE items and empty items are dropped (and listed). Untrusted items are scanned by the
 *       {@link InjectionDetector}; what it finds is flagged in the manifest, never removed.</li>
 *   <li><b>Order</b>: higher priority first; then, when an embedding model is configured and the query has a task,
 *       higher cosine similarity to the task; then the order given.</li>
 *   <li><b>Dedupe</b>: an item with the same SHA-256 as an item ahead of it is a duplicate; one whose word
 *       3-shingle Jaccard similarity (MinHash estimate) to an item ahead of it is at or above
 *       {@link Builder#nearDuplicateThreshold} (default 0.8), or, with an embedding model, whose cosine similarity
 *       is at or above {@link Builder#semanticDuplicateThreshold} (default 0.95), is a near duplicate. The first
 *       in order is kept.</li>
 *   <li><b>Summarise and pack</b>: greedily in order, each item goes in if its block fits what is left of the
 *       budget: VERBATIM whole or not at all, QUOTE cut to its longest run of whole leading sentences that fits,
 *       SUMMARIZE replaced by the summariser's summary (rendered fenced, as model output).</li>
 *   <li><b>Verify</b>: the rendered text, fences, labels and the standing instruction included, is counted with
 *       the token counter; while it exceeds the budget the last placed block is taken out. So the context never
 *       exceeds the budget, and the manifest's token count is that of the final text.</li>
 * </ol>
 *
 * <p>Each assembly that has an item to place draws a fresh fence boundary (128 bits from the random source; by
 * default a {@link SecureRandom} of {@code SecureRandoms}) that occurs in no item, so no content can close its own
 * fence. An assembly with nothing to place (no items, or every one excluded or blank) draws none, and its manifest's
 * {@link ContextManifest#fenceBoundary() fenceBoundary} is empty.
 *
 * <p>Thread-safe: an assembler is immutable apart from its bounded caches (token counts, injection flags, shingle
 * signatures and embeddings, keyed by content SHA-256, and the counts of label lines), which are thread-safe; the token counter, the embedding model, the
 * summariser and the random source must be thread-safe too (the built-ins are).
 *
 * <pre>{@code
 * ContextAssembler assembler = ContextAssembler.builder()
 *         .tokenCounter(TokenCounter.forModel("gpt-4o"))
 *         .embeddingModel(new AllMiniLmL6V2EmbeddingModel())
 *         .summarizer(generator)
 *         .build();
 * AssembledContext context = assembler.assemble(ContextQuery.of(question), items, 4_000);
 * }</pre>
 */
public final class ContextAssembler {

    private final AssemblerSettings settings;

    private ContextAssembler(AssemblerSettings settings) {
        this.settings = settings;
    }

    /** Returns a new builder with the defaults listed on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Assembles the items into at most {@code budget} tokens, without relevance ranking.
     *
     * @see #assemble(ContextQuery, List, int)
     */
    public AssembledContext assemble(List<ContextItem> items, int budget) {
        return assemble(ContextQuery.none(), items, budget);
    }

    /**
     * Assembles the items into at most {@code budget} tokens, ranking equal priorities by relevance to the query's
     * task when an embedding model is configured.
     *
     * @param query what the context is for
     * @param items the items, with unique source ids
     * @param budget the token budget of the rendered context, at least 0
     * @return the context text, its evidence and its manifest; never {@code null}
     * @throws IllegalArgumentException if the budget is negative or two items share a source id
     */
    public AssembledContext assemble(ContextQuery query, List<ContextItem> items, int budget) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(items, "items");
        return AssemblyRun.assemble(settings, query, items, budget);
    }

    /** Returns the token counter this assembler counts with. */
    public TokenCounter tokenCounter() {
        return settings.counter();
    }

    /** Builds a {@link ContextAssembler}. Not thread-safe; {@link #build()} copies. */
    public static final class Builder {
        private TokenCounter tokenCounter = TokenCounter.cl100kBase();
        private @Nullable EmbeddingModel embeddingModel;
        private double nearDuplicateThreshold = 0.8;
        private double semanticDuplicateThreshold = 0.95;
        private @Nullable Generator summarizer;
        private int summaryMaxTokens = 256;
        private Random random = SecureRandoms.random();
        private InjectionDetector injectionDetector = InjectionDetector.standard();
        private int cacheSize = 10_000;

        private Builder() {}

        /** The token counter; default {@link TokenCounter#cl100kBase()}. Use {@link TokenCounter#forModel}. */
        public Builder tokenCounter(TokenCounter tokenCounter) {
            this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
            return this;
        }

        /**
         * An embedding model for relevance ranking and semantic near duplicates, e.g. langchain4j's in-process
         * {@code AllMiniLmL6V2EmbeddingModel}; default none (no ranking; shingle near duplicates only).
         */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
            return this;
        }

        /** The shingle Jaccard similarity at or above which an item is a near duplicate, in (0, 1]; default 0.8. */
        public Builder nearDuplicateThreshold(double threshold) {
            this.nearDuplicateThreshold = checkThreshold("nearDuplicateThreshold", threshold);
            return this;
        }

        /** The embedding cosine similarity at or above which an item is a near duplicate, in (0, 1]; default 0.95. */
        public Builder semanticDuplicateThreshold(double threshold) {
            this.semanticDuplicateThreshold = checkThreshold("semanticDuplicateThreshold", threshold);
            return this;
        }

        /** The generator that writes summaries of SUMMARIZE items; default none (such items are dropped). */
        public Builder summarizer(Generator summarizer) {
            this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
            return this;
        }

        /** The output token limit of a summary request; default 256. */
        public Builder summaryMaxTokens(int summaryMaxTokens) {
            if (summaryMaxTokens < 1) {
                throw new IllegalArgumentException("summaryMaxTokens must be at least 1, was " + summaryMaxTokens);
            }
            this.summaryMaxTokens = summaryMaxTokens;
            return this;
        }

        /** The source of fence boundaries; default {@link SecureRandoms#random()}. Replace only in tests. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The injection detector for untrusted items; default {@link InjectionDetector#standard()}. */
        public Builder injectionDetector(InjectionDetector injectionDetector) {
            this.injectionDetector = Objects.requireNonNull(injectionDetector, "injectionDetector");
            return this;
        }

        /**
         * Entries per cache (token counts, injection flags, signatures, embeddings, by content digest); default
         * 10,000; 0 = none.
         */
        public Builder cacheSize(int cacheSize) {
            if (cacheSize < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative, was " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        private static double checkThreshold(String name, double threshold) {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException(name + " must be in (0, 1], was " + threshold);
            }
            return threshold;
        }

        /** Returns an assembler of this configuration; later changes to the builder do not affect it. */
        public ContextAssembler build() {
            return new ContextAssembler(new AssemblerSettings(tokenCounter, new BoundedCache<>(cacheSize),
                    new BoundedCache<>(cacheSize), new BoundedCache<>(cacheSize), new BoundedCache<>(cacheSize),
                    embeddingModel == null ? null : new Embeddings(embeddingModel, cacheSize),
                    nearDuplicateThreshold, semanticDuplicateThreshold, summarizer, summaryMaxTokens, random,
                    injectionDetector));
        }
    }
}
