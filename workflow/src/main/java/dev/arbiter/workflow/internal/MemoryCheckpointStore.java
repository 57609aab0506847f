package dev.arbiter.workflow.internal;

import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CheckpointStore} in memory. Thread-safe. */
public final class MemoryCheckpointStore implements CheckpointStore {

    private final ConcurrentMap<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<Checkpoint> load(String runId, String key) {
        return Optional.ofNullable(checkpoints.get(id(runId, key)));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        checkpoints.putIfAbsent(id(checkpoint.runId(), checkpoint.key()), checkpoint);
    }

    private static String id(String runId, String key) {
        return Objects.requireNonNull(runId, "runId") + '\u0000' + Objects.requireNonNull(key, "key");
    }
}
