package dev.arbiter.core.testing;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link Generator} that passes every request to another generator and appends what happened to a cassette
 * file, for {@link CassettePlayer} to replay later.
 *
 * <p>Each call appends one line of JSON (JSON Lines, UTF-8): the request's digest, the request in {@link
 * dev.arbiter.core.JsonCodec}'s form (attributes included, though they play no part in matching), and either
 * the generation or the {@link ArbiterException} the delegate threw (its failure mode, message and {@link
 * dev.arbiter.core.ProviderDetail}, {@code Retry-After} included; not its cause). The delegate's result is
 * then returned, or its exception rethrown, unchanged. Exceptions that are not {@link ArbiterException}s are
 * programmer errors: they pass through and are not recorded.
 *
 * <p>The file is created if needed, with its parent directories, and never truncated: recording again
 * appends. Each line is written and flushed before the call returns.
 *
 * <p>Thread-safe: calls to the delegate run concurrently, lines are appended one at a time, whole. One
 * recorder per file: two recorders, or two processes, appending to one file may interleave lines.
 *
 * <pre>{@code
 * Generator generator = CassetteRecorder.of(LangChain4jGenerator.of(chatModel), Path.of("target/cassettes/invoice.jsonl"));
 * }</pre>
 */
public final class CassetteRecorder implements Generator {

    private final Generator delegate;
    private final Path file;
    private final Object lock = new Object();

    private CassetteRecorder(Generator delegate, Path file) {
        this.delegate = delegate;
        this.file = file;
    }

    /**
     * Returns a recorder of the delegate's calls to the file, creating the file's parent directories.
     *
     * @throws UncheckedIOException if the directories cannot be created
     */
    public static CassetteRecorder of(Generator delegate, Path file) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of cassette " + file, e);
        }
        return new CassetteRecorder(delegate, file);
    }

    /**
     * Calls the delegate and records the outcome.
     *
     * @throws ArbiterException the delegate's, after recording it
     * @throws UncheckedIOException if the line cannot be written (a delegate's failure is then suppressed in it)
     */
    @Override
    public Generation generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        Generation generation;
        try {
            generation = delegate.generate(request);
        } catch (ArbiterException e) {
            try {
                append(CassetteFormat.failureLine(request, e));
            } catch (UncheckedIOException io) {
                io.addSuppressed(e);
                throw io;
            }
            throw e;
        }
        if (generation == null) {
            throw new IllegalStateException("generator " + delegate + " returned null for request " + request.digest());
        }
        append(CassetteFormat.generationLine(request, generation));
        return generation;
    }

    private void append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            try {
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to cassette " + file, e);
            }
        }
    }

    /** Returns the cassette file. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "CassetteRecorder{" + file + " <- " + delegate + "}";
    }
}
