package dev.arbiter.workflow.internal;

import dev.arbiter.core.Digests;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link CheckpointStore} of one append-only JSONL file per run (named by the digest of the run id), each
 * save forced to disk. A line torn by a crash mid-write is skipped on load (that step simply runs again). Thread-safe
 * within one JVM: a run's file is read and written under one of {@value #STRIPES} locks, chosen by the file, so that
 * saves of different runs force their files in parallel (the file system commits concurrent forces together). {@link
 * #saveAsync} saves on a pool of at most {@value CheckpointIo#THREADS} daemon threads ({@code arbiter-checkpoint-io}),
 * shared by the stores of this JVM.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final int STRIPES = 64;

    private final Path directory;
    private final Object[] locks = new Object[STRIPES];

    public FileCheckpointStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory " + directory, e);
        }
    }

    @Override
    public Optional<Checkpoint> load(String runId, String key) {
        Objects.requireNonNull(key, "key");
        List<String> lines;
        Path file = file(runId);
        synchronized (lock(file)) {
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoints of run " + runId + " in " + directory, e);
            }
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Checkpoint c;
            try {
                c = CheckpointJson.read(line);
            } catch (IllegalStateException torn) {
                continue; // a line torn by a crash: the step runs again, which is safe
            }
            if (c.runId().equals(runId) && c.key().equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Path file = file(checkpoint.runId());
        synchronized (lock(file)) {
            if (load(checkpoint.runId(), checkpoint.key()).isPresent()) {
                return;
            }
            byte[] line = ("\n" + CheckpointJson.write(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save checkpoint " + checkpoint.key() + " of run "
                        + checkpoint.runId() + " in " + directory, e);
            }
        }
    }

    /** Saves on the store's I/O threads; see {@link CheckpointStore#saveAsync}. */
    @Override
    public CompletableFuture<Void> saveAsync(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        return CompletableFuture.runAsync(() -> save(checkpoint), CheckpointIo.POOL);
    }

    private Object lock(Path file) {
        return locks[Math.floorMod(file.getFileName().hashCode(), STRIPES)];
    }

    private Path file(String runId) {
        return directory.resolve(Digests.sha256Hex(Objects.requireNonNull(runId, "runId")).substring(0, 32)
                + ".jsonl");
    }
}
