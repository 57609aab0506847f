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

/**
 * A {@link CheckpointStore} of one append-only JSONL file per run (named by the digest of the run id), each
 * save forced to disk. A line torn by a crash mid-write is skipped on load (that step simply runs again). Thread-safe within one JVM.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private final Path directory;
    private final Object lock = new Object();

    public FileCheckpointStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
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
        synchronized (lock) {
            try {
                lines = Files.readAllLines(file(runId), StandardCharsets.UTF_8);
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
        synchronized (lock) {
            if (load(checkpoint.runId(), checkpoint.key()).isPresent()) {
                return;
            }
            byte[] line = ("\n" + CheckpointJson.write(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file(checkpoint.runId()), StandardOpenOption.CREATE,
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

    private Path file(String runId) {
        return directory.resolve(Digests.sha256Hex(Objects.requireNonNull(runId, "runId")).substring(0, 32)
                + ".jsonl");
    }
}
