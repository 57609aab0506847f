package dev.arbiter.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import dev.arbiter.core.JsonCodec;
import dev.arbiter.core.testing.CassetteFormat.Recording;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A {@link Generator} that replays cassettes written by {@link CassetteRecorder}: no network, no key, no
 * server.
 *
 * <p>A request is matched by its {@link GenerationRequest#digest()} alone, so attributes (run ids, step
 * names) never prevent a match. A recorded generation is returned as recorded; a recorded failure is thrown
 * again as a new {@link ArbiterException} of the same failure mode, message and {@link
 * dev.arbiter.core.ProviderDetail} (so of the same class, {@link dev.arbiter.core.RetriableException} or
 * {@link dev.arbiter.core.NonRetriableException}; a subclass of those is replayed as the class itself, and
 * the cause is not recorded). When one digest was recorded several times, its recordings are served in
 * recorded order (across files, in the order the files were given) and then again from the first, in a
 * cycle: a retry loop replays as it was recorded, and a test that makes more calls than were recorded still
 * gets answers.
 *
 * <p>A request that is not on the cassette fails with an {@link IllegalStateException}, never a default.
 * It is deliberately not an {@link ArbiterException}: a missing recording is a mistake in the test's setup,
 * and code under test that handles provider failures (retrying, escalating, returning a failed outcome) must
 * not be able to absorb it and pass. The message names the request's digest and the closest recorded
 * request (the one whose canonical JSON differs in the fewest members; the earliest on a tie), with its file
 * and line and the members that differ, each with both values.
 *
 * <p>Loading is strict: a line that is not valid JSON, lacks a member, or whose digest does not match its
 * request fails with an {@link IllegalArgumentException} naming the file, the line number and the reason.
 * Blank lines are skipped. I/O errors are thrown as {@link UncheckedIOException}.
 *
 * <p>Immutable after loading apart from the per-digest position in the cycle, which is atomic: thread-safe.
 *
 * <pre>{@code
 * Generator generator = CassettePlayer.load(Path.of("src/test/resources/cassettes"));
 * Generation g = generator.generate(request);   // as recorded, or IllegalStateException
 * }</pre>
 */
public final class CassettePlayer implements Generator {

    private static final int SHOWN_DIFFERENCES = 5;

    private final List<Path> files;
    private final Map<String, Track> tracks;
    private final int size;

    private CassettePlayer(List<Path> files, List<Recording> recordings) {
        this.files = List.copyOf(files);
        Map<String, List<Recording>> byDigest = new LinkedHashMap<>();
        for (Recording r : recordings) {
            byDigest.computeIfAbsent(r.digest(), d -> new ArrayList<>()).add(r);
        }
        Map<String, Track> t = new LinkedHashMap<>();
        byDigest.forEach((digest, list) -> t.put(digest, new Track(List.copyOf(list), new AtomicInteger())));
        this.tracks = t;
        this.size = recordings.size();
    }

    /**
     * Loads cassettes: each path is a cassette file, or a directory whose {@code .jsonl} files (at any depth,
     * in order of their paths) are loaded.
     *
     * @throws IllegalArgumentException if a path does not exist, or a line is bad (naming file, line and reason)
     * @throws UncheckedIOException if a file cannot be read
     */
    public static CassettePlayer load(Path... paths) {
        return load(List.of(paths));
    }

    /** Same as {@link #load(Path...)}. */
    public static CassettePlayer load(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(cassetteFiles(Objects.requireNonNull(p, "path")));
        }
        List<Recording> recordings = new ArrayList<>();
        for (Path f : files) {
            recordings.addAll(read(f));
        }
        return new CassettePlayer(files, recordings);
    }

    private static List<Path> cassetteFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("cassette " + path + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list cassettes in " + path, e);
        }
    }

    private static List<Recording> read(Path file) {
        List<Recording> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    out.add(CassetteFormat.parse(line, file, number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cassette " + file, e);
        }
        return out;
    }

    /**
     * Replays the recording for the request.
     *
     * @throws ArbiterException when the recording is a failure: the same mode, message and detail
     * @throws IllegalStateException when the request is not on the cassette
     */
    @Override
    public Generation generate(GenerationRequest request) {
        String digest = request.digest();
        Track track = tracks.get(digest);
        if (track == null) {
            throw new IllegalStateException(notOnCassette(request));
        }
        int turn = Math.floorMod(track.next().getAndIncrement(), track.recordings().size());
        return track.recordings().get(turn).outcome().replay();
    }

    private String notOnCassette(GenerationRequest request) {
        String head = "request " + request.digest() + " is not on the cassette (" + files + "); ";
        if (tracks.isEmpty()) {
            return head + "the cassette is empty";
        }
        ObjectNode wanted = JsonCodec.requestToJson(request);
        wanted.remove("attributes");
        Recording closest = null;
        List<JsonDiff.Difference> fewest = List.of();
        for (Track t : tracks.values()) {
            Recording r = t.recordings().get(0);
            List<JsonDiff.Difference> d = JsonDiff.between(r.request(), wanted);
            if (closest == null || d.size() < fewest.size()) {
                closest = r;
                fewest = d;
            }
        }
        return head + "the closest of its " + tracks.size() + " recorded requests is " + closest.digest() + " ("
                + closest.file() + " line " + closest.line() + "), which differs in " + fewest.size()
                + (fewest.size() == 1 ? " member: " : " members: ") + JsonDiff.describe(fewest, SHOWN_DIFFERENCES);
    }

    /** Returns the number of recordings loaded. */
    public int size() {
        return size;
    }

    /** Returns the cassette files loaded, in the order they were read. */
    public List<Path> files() {
        return files;
    }

    @Override
    public String toString() {
        return "CassettePlayer{" + size + " recordings of " + tracks.size() + " requests from " + files + "}";
    }

    private record Track(List<Recording> recordings, AtomicInteger next) {}
}
