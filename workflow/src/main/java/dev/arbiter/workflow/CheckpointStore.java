package dev.arbiter.workflow;

import dev.arbiter.workflow.internal.FileCheckpointStore;
import dev.arbiter.workflow.internal.JdbcCheckpointStore;
import dev.arbiter.workflow.internal.LogCheckpointStore;
import dev.arbiter.workflow.internal.MemoryCheckpointStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * Stores the artifact of each completed step so that a run resumes (after a crash, or after an approval)
 * without running completed steps again, so without calling the model again for them.
 *
 * <p>Built-ins: {@link #inMemory()}, {@link #file(Path)} (one append-only JSONL file per run, forced to disk
 * on every save; saves of different runs proceed in parallel), {@link #log(Path)} (every run's checkpoints in one
 * log, forced in groups: for many concurrent runs on local disk) and {@link #jdbc(DataSource)} (PostgreSQL for many
 * instances, H2 for tests). Implementations
 * must be thread-safe; a failure to save is an exception, and the run then fails (fail closed).
 */
public interface CheckpointStore {

    /** Returns the checkpoint of {@code key} in run {@code runId}, if the step completed. */
    Optional<Checkpoint> load(String runId, String key);

    /**
     * Returns what {@link #load} returns, the future completing once it is known; {@link Pipeline#runAsync} calls this
     * before each step. The default calls {@link #load} on the calling thread. The JDBC store queries on the checkpoint
     * stores' threads, so that the thread a run starts or goes on on does not wait for the database.
     *
     * @return completed with the checkpoint, if the step completed; completed exceptionally with what {@link #load}
     *     would throw; never {@code null}
     */
    default CompletableFuture<Optional<Checkpoint>> loadAsync(String runId, String key) {
        try {
            return CompletableFuture.completedFuture(load(runId, key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stores {@code checkpoint}; storing the same run and key again keeps the first. */
    void save(Checkpoint checkpoint);

    /**
     * Stores {@code checkpoint} as {@link #save} does, the future completing once it is stored; {@link
     * Pipeline#runAsync} calls this. The default calls {@link #save} on the calling thread. The file store saves on
     * a small pool of its own, so that the thread a run goes on on (a model client's, a ledger's force thread) does
     * not wait for the disk.
     *
     * @return completed once stored; completed exceptionally with what {@link #save} would throw; never {@code null}
     */
    default CompletableFuture<Void> saveAsync(Checkpoint checkpoint) {
        try {
            save(checkpoint);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Returns a store in this JVM's memory. */
    static CheckpointStore inMemory() {
        return new MemoryCheckpointStore();
    }

    /** Returns a store of JSONL files in {@code directory} (created when absent). */
    static CheckpointStore file(Path directory) {
        return new FileCheckpointStore(directory);
    }

    /**
     * Opens the checkpoint log in {@code directory} (created when absent), reading the checkpoints already in it;
     * see {@link CheckpointLog}. Close it when done.
     *
     * @throws java.io.UncheckedIOException if the directory cannot be created or read
     * @throws IllegalStateException if another open log holds the directory
     */
    static CheckpointLog log(Path directory) {
        return LogCheckpointStore.open(directory);
    }

    /** Returns a store in table {@code arbiter_checkpoints} of {@code dataSource} (created when absent). */
    static CheckpointStore jdbc(DataSource dataSource) {
        return new JdbcCheckpointStore(dataSource);
    }
}
