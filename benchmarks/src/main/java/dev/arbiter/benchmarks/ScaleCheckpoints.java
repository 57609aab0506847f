package dev.arbiter.benchmarks;

import dev.arbiter.workflow.CheckpointLog;
import dev.arbiter.workflow.CheckpointStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@link ScaleScenario}'s rounds save their checkpoints: {@code -Dscale.checkpoints=memory} (the default),
 * {@code file} (a file per run), {@code log} (one log, forced in groups) or {@code jdbc} (PostgreSQL started from the
 * jar, with {@code fsync} and {@code synchronous_commit} on, behind a pool of {@code -Dscale.jdbcPool} connections,
 * default 16).
 */
final class ScaleCheckpoints {

    private static final String KIND = System.getProperty("scale.checkpoints", "memory");

    /** The database of {@code jdbc}, started once. */
    private static PooledDataSource database;

    private ScaleCheckpoints() {}

    /** The store {@code -Dscale.checkpoints} names, its files (if any) in a round's directory. */
    static CheckpointStore in(Path dir) {
        switch (KIND) {
            case "memory":
                return CheckpointStore.inMemory();
            case "file":
                return CheckpointStore.file(dir.resolve("checkpoints"));
            case "log":
                return CheckpointStore.log(dir.resolve("checkpoint-log"));
            case "jdbc":
                return CheckpointStore.jdbc(database());
            default:
                throw new IllegalArgumentException("-Dscale.checkpoints must be memory, file, log or jdbc, not " + KIND);
        }
    }

    /** Closes a round's store, if it holds files open. */
    static void close(CheckpointStore store) {
        if (store instanceof CheckpointLog log) {
            log.close();
        }
    }

    /** Starts PostgreSQL and its pool on first use; both stop with the JVM. */
    static synchronized PooledDataSource database() {
        if (database == null) {
            try {
                Path data = Files.createTempDirectory("arbiter-scale-pg");
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data)
                        .setCleanDataDirectory(true).setServerConfig("synchronous_commit", "on")
                        .setServerConfig("fsync", "on").setServerConfig("max_connections", "100").start();
                PooledDataSource pool = new PooledDataSource(postgres.getPostgresDatabase(),
                        Integer.getInteger("scale.jdbcPool", 16));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pool.close();
                        postgres.close();
                        BenchFixtures.deleteTree(data);
                    } catch (Exception e) {
                        System.err.println("cannot stop PostgreSQL: " + e);
                    }
                }));
                database = pool;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start PostgreSQL for the checkpoints", e);
            }
        }
        return database;
    }
}
