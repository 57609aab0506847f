package dev.arbiter.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.testing.CassettePlayer;
import dev.arbiter.core.testing.CassetteRecorder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The harness's response cache: a cassette file ({@link CassetteRecorder}'s format) keyed by request digest.
 *
 * <p>When a run starts, the generations already in the file are loaded with {@link CassettePlayer}. In the run,
 * the {@code k}-th request of a digest is answered from the file when the file holds at least {@code k}
 * generations of that digest, and otherwise goes to the provider and is appended to the file. So an unchanged
 * rerun makes no provider call, a run with more repeats than recorded makes only the missing calls, and repeats
 * replay different recorded answers (keeping their flakiness visible) rather than one answer N times.
 *
 * <p>Only generations are cached, never failures: a provider failure is retried or reported, and a rerun asks
 * again. A cache file holding a failure line is refused when loaded (naming the file and the line). The request
 * digest does not include the model: use one cache file per subject and model.
 *
 * <p>Thread-safe.
 */
public final class ResponseCache {

    private final Path file;
    private final Map<String, Integer> recorded;
    private final @Nullable CassettePlayer player;
    private final CassetteRecorder recorder;
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final ThreadLocal<Generation> handOver = new ThreadLocal<>();

    private ResponseCache(Path file) {
        this.file = file;
        this.recorded = Files.exists(file) ? countGenerations(file) : Map.of();
        this.player = recorded.isEmpty() ? null : CassettePlayer.load(file);
        this.recorder = CassetteRecorder.of(this::handedOver, file);
    }

    /**
     * Opens the cache in the file, creating it on the first write.
     *
     * @throws IllegalArgumentException if the file holds a line that is not a recorded generation
     */
    public static ResponseCache open(Path file) {
        return new ResponseCache(file);
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** Returns the number of generations recorded in the file when the cache was opened. */
    public int size() {
        return recorded.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns the cached generation for this occurrence of the request, or {@code null} when there is none. */
    public @Nullable Generation lookup(GenerationRequest request) {
        String digest = request.digest();
        int available = recorded.getOrDefault(digest, 0);
        if (available == 0 || player == null) {
            return null;
        }
        int occurrence = served.computeIfAbsent(digest, d -> new AtomicInteger()).getAndIncrement();
        return occurrence < available ? player.generate(request) : null;
    }

    /** Appends a generation the provider returned for the request. */
    public void store(GenerationRequest request, Generation generation) {
        handOver.set(generation);
        try {
            recorder.generate(request);
        } finally {
            handOver.remove();
        }
    }

    private Generation handedOver(GenerationRequest request) {
        Generation g = handOver.get();
        if (g == null) {
            throw new IllegalStateException("the response cache recorder was called without a generation");
        }
        return g;
    }

    private static Map<String, Integer> countGenerations(Path file) {
        Map<String, Integer> counts = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode json = Json.tryParse(line).orElse(null);
                if (json == null || !json.path("digest").isTextual()) {
                    throw new IllegalArgumentException(file + ":" + number
                            + ": not a cassette line (a JSON object with a 'digest')");
                }
                if (!json.has("generation")) {
                    throw new IllegalArgumentException(file + ":" + number
                            + ": a response cache holds generations only, and this line records a failure");
                }
                counts.merge(json.get("digest").textValue(), 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read response cache " + file, e);
        }
        return counts;
    }
}
