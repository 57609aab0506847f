package dev.arbiter.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run ran and what it cost: the suite, the subject and its models and contracts, the golden set by name,
 * version and digest, the repeats, when it started, how long it took and what it spent. Every scorecard carries
 * one, so any result can be traced to what produced it. Immutable and thread-safe.
 *
 * @param suite the suite's name
 * @param subjectId the subject's id (e.g. {@code invoice-extractor@prompt-v7})
 * @param modelIds the model ids declared by the suite and reported by the generations, sorted, no duplicates
 * @param contracts contract fingerprints by contract id, sorted by id
 * @param goldenSet the golden set's name
 * @param goldenSetVersion the golden set's version
 * @param goldenSetDigest the SHA-256 of the golden set's cases, or {@code ""} when they do not convert to JSON
 * @param repeats how many times each case ran
 * @param startedAt when the run started
 * @param elapsed how long it took
 * @param spend what it cost
 */
public record RunInfo(String suite, String subjectId, List<String> modelIds, Map<String, String> contracts,
        String goldenSet, String goldenSetVersion, String goldenSetDigest, int repeats, Instant startedAt,
        Duration elapsed, Spend spend) {

    public RunInfo {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(subjectId, "subjectId");
        modelIds = modelIds.stream().distinct().sorted().toList();
        contracts = Collections.unmodifiableMap(new TreeMap<>(contracts));
        Objects.requireNonNull(goldenSet, "goldenSet");
        Objects.requireNonNull(goldenSetVersion, "goldenSetVersion");
        Objects.requireNonNull(goldenSetDigest, "goldenSetDigest");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, was " + repeats);
        }
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(spend, "spend");
    }
}
