package dev.arbiter.workflow.functional;

import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory checkpoint store whose asynchronous loads, or saves, wait until the test completes them through
 * {@link #loads} or {@link #saves} (or fails them); the blocking form of what is held is refused, so that a test sees
 * an asynchronous run use the asynchronous form.
 */
final class HeldCheckpoints implements CheckpointStore {
    final CheckpointStore memory = CheckpointStore.inMemory();
    final List<CompletableFuture<Void>> loads = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> saves = new CopyOnWriteArrayList<>();
    private final boolean holdLoads;
    private final boolean holdSaves;

    private HeldCheckpoints(boolean holdLoads, boolean holdSaves) {
        this.holdLoads = holdLoads;
        this.holdSaves = holdSaves;
    }

    /** Holds every {@code loadAsync}. */
    static HeldCheckpoints loads() {
        return new HeldCheckpoints(true, false);
    }

    /** Holds every {@code saveAsync}. */
    static HeldCheckpoints saves() {
        return new HeldCheckpoints(false, true);
    }

    @Override
    public Optional<Checkpoint> load(String runId, String key) {
        if (holdLoads) {
            throw new AssertionError("an asynchronous run must load with loadAsync");
        }
        return memory.load(runId, key);
    }

    @Override
    public CompletableFuture<Optional<Checkpoint>> loadAsync(String runId, String key) {
        if (!holdLoads) {
            return CheckpointStore.super.loadAsync(runId, key);
        }
        CompletableFuture<Void> known = new CompletableFuture<>();
        loads.add(known);
        return known.thenApply(v -> memory.load(runId, key));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        if (holdSaves) {
            throw new AssertionError("an asynchronous run must save with saveAsync");
        }
        memory.save(checkpoint);
    }

    @Override
    public CompletableFuture<Void> saveAsync(Checkpoint checkpoint) {
        if (!holdSaves) {
            return CheckpointStore.super.saveAsync(checkpoint);
        }
        CompletableFuture<Void> stored = new CompletableFuture<>();
        saves.add(stored);
        return stored.thenRun(() -> memory.save(checkpoint));
    }
}
