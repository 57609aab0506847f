package dev.arbiter.workflow;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A {@link CheckpointStore} that appends every run's checkpoints to one log in a directory and forces them to disk
 * in groups: saves that arrive while a force is in flight share the next one. Made by {@link
 * CheckpointStore#log(Path)}.
 *
 * <p><b>When to use it.</b> Many concurrent runs on one instance that need their checkpoints on local disk: a save
 * costs its line's encoding and a share of one write and one force, against a new file created and forced per run
 * in {@link CheckpointStore#file(Path)}. {@link #saveAsync} holds no thread while its line waits for the disk.
 *
 * <p><b>What it keeps in memory.</b> An index of where each checkpoint's line is: about 110 bytes of heap per
 * checkpoint stored. Opening the log reads every line once to rebuild it (its run id and key; the artifact is read
 * when loaded). Its segments close at 64 MiB or a day old, and {@link #forgetSegmentsBefore} deletes closed ones,
 * which keeps the log and its index to a window of recent runs. Without it nothing is ever removed, as in the other
 * stores.
 *
 * <p><b>Crash safety.</b> A save completes once its line is forced. Each line carries a CRC-32C of its text; on
 * opening, a line that fails it or does not parse (torn by a crash, or damaged) is skipped and logged, and a last
 * line without its end is cut off, so that the step it stood for simply runs again. A failed write or force fails
 * that save and every later one (fail closed): what reached the disk is unknown until the log is opened again.
 *
 * <p><b>One owner.</b> A directory is held by one open log at a time, in this JVM or another (a file lock); opening
 * it again while it is held throws {@link IllegalStateException}. Thread-safe. Close it when the pipelines using it
 * are done: {@link #close} waits for the saves already made to be forced.
 */
public interface CheckpointLog extends CheckpointStore, AutoCloseable {

    /** The directory of the log's segment files. */
    Path directory();

    /** The number of checkpoints stored, those read when the log was opened included, less those forgotten. */
    long size();

    /**
     * Forgets the checkpoints of every closed segment last written before {@code cutoff}: they leave the index and
     * the segment's file is deleted. The segment being written is kept; segments close at 64 MiB or a day after they
     * began. A run whose checkpoints are forgotten runs those steps again if it is run again; a load racing with this
     * finds the checkpoint or nothing. Call it on a schedule, e.g. {@code
     * log.forgetSegmentsBefore(Instant.now().minus(Duration.ofDays(7)))} once a day.
     *
     * @return the number of checkpoints forgotten
     * @throws java.io.UncheckedIOException if a segment's file cannot be deleted
     */
    long forgetSegmentsBefore(Instant cutoff);

    /**
     * Forces the saves already made, then releases the directory; saves and loads after this throw {@link
     * IllegalStateException}. Closing again does nothing.
     */
    @Override
    void close();
}
