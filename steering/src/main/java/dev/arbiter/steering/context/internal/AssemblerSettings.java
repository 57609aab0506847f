package dev.arbiter.steering.context.internal;

import dev.arbiter.core.Digests;
import dev.arbiter.core.Generator;
import dev.arbiter.steering.context.InjectionDetector;
import dev.arbiter.steering.context.InjectionFlag;
import dev.arbiter.steering.context.TokenCounter;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of a context assembler, with its caches. Immutable apart from the caches, which are
 * thread-safe.
 *
 * @param counter counts tokens
 * @param counts token counts of contents by SHA-256
 * @param signatures MinHash signatures of contents by SHA-256
 * @param flags injection flags of untrusted contents by SHA-256 (the detector is fixed per assembler)
 * @param boundaryRuns whether a content (by SHA-256) has a run of characters that could hold a fence boundary
 * @param embeddings embeddings for relevance and semantic duplicates; {@code null} when no model is configured
 * @param shingleThreshold MinHash Jaccard estimate at or above which two items are near duplicates
 * @param embeddingThreshold cosine similarity at or above which two items are near duplicates (with embeddings)
 * @param summarizer writes summaries of SUMMARIZE items; {@code null} when none is configured
 * @param summaryMaxTokens the output token limit of a summary request
 * @param random the source of fence boundaries
 * @param detector finds instruction-like text in untrusted items
 */
public record AssemblerSettings(
        TokenCounter counter, BoundedCache<String, Integer> counts, BoundedCache<String, long[]> signatures,
        BoundedCache<String, List<InjectionFlag>> flags, BoundedCache<String, Boolean> boundaryRuns,
        @Nullable Embeddings embeddings, double shingleThreshold, double embeddingThreshold,
        @Nullable Generator summarizer, int summaryMaxTokens, Random random, InjectionDetector detector) {

    public AssemblerSettings {
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(boundaryRuns, "boundaryRuns");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(detector, "detector");
    }

    /** Returns the token count of a content whose SHA-256 is known, from the cache when seen before. */
    int count(String digest, String content) {
        return counts.get(digest, d -> checkedCount(content));
    }

    /** Returns the token count of a content, from the cache when seen before. */
    int count(String content) {
        return count(Digests.contentSha256Hex(content), content);
    }

    /** Returns the token count of a text that is not worth caching (labels, the final rendering). */
    int countUncached(String text) {
        return checkedCount(text);
    }

    private int checkedCount(String text) {
        int n = counter.count(text);
        if (n < 0) {
            throw new IllegalStateException("token counter " + counter.name() + " returned a negative count: " + n);
        }
        return n;
    }

    /** Returns the injection flags of an untrusted content whose SHA-256 is known, from the cache when scanned before. */
    List<InjectionFlag> scan(String digest, String content) {
        return flags.get(digest, d -> detector.scan(content));
    }

    /** Returns whether a content whose SHA-256 is known could contain a fence boundary (cached). */
    boolean mayContainBoundary(String digest, String content) {
        return boundaryRuns.get(digest, d -> Fences.mayContainBoundary(content));
    }

    /** Returns the MinHash signature of a content whose SHA-256 is known. */
    long[] signature(String digest, String content) {
        return signatures.get(digest, d -> MinHash.signature(content));
    }
}
