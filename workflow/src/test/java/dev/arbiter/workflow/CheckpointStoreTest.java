package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CheckpointStoreTest {

    @TempDir
    static Path dir;

    private static final Checkpoint CP = new Checkpoint("run-1", "0:extract:abc", "extract", "{\"total\":1}",
            new Spend(2, Usage.of(10, 20), 1, new BigDecimal("0.0125"), Duration.ofMillis(1500)),
            Instant.parse("2026-01-01T00:00:00Z"));

    private static final AtomicInteger LOGS = new AtomicInteger();

    static Stream<CheckpointStore> stores() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:checkpoints;DB_CLOSE_DELAY=-1");
        return Stream.of(CheckpointStore.inMemory(), CheckpointStore.file(dir.resolve("files")),
                CheckpointStore.log(dir.resolve("log-" + LOGS.incrementAndGet())), CheckpointStore.jdbc(h2));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aSavedCheckpointLoadsBackEqual(CheckpointStore store) {
        store.save(CP);
        assertThat(store.load("run-1", "0:extract:abc")).contains(CP);
        assertThat(store.load("run-1", "1:other:abc")).isEmpty();
        assertThat(store.load("run-2", "0:extract:abc")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theFirstSaveOfAKeyWins(CheckpointStore store) {
        Checkpoint first = new Checkpoint("run-w", "k", "s", "\"first\"", Spend.NONE, Instant.EPOCH);
        store.save(first);
        store.save(new Checkpoint("run-w", "k", "s", "\"second\"", Spend.NONE, Instant.EPOCH));
        assertThat(store.load("run-w", "k")).contains(first);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anAsynchronousSaveStoresAsSaveDoes(CheckpointStore store) throws Exception {
        Checkpoint first = new Checkpoint("run-a", "k", "s", "\"first\"", Spend.NONE, Instant.EPOCH);
        store.saveAsync(first).get(30, TimeUnit.SECONDS);
        store.saveAsync(new Checkpoint("run-a", "k", "s", "\"second\"", Spend.NONE, Instant.EPOCH))
                .get(30, TimeUnit.SECONDS);
        assertThat(store.load("run-a", "k")).contains(first);
    }

    @Test
    void theFileStoreSavesAsynchronouslyOnItsOwnThreadsAndReportsAFailure() throws Exception {
        CheckpointStore store = CheckpointStore.file(dir.resolve("async"));
        store.saveAsync(CP).get(30, TimeUnit.SECONDS);
        assertThat(Thread.getAllStackTraces().keySet()).as("the store's I/O thread, idle now")
                .anyMatch(t -> t.getName().startsWith("arbiter-checkpoint-io-") && t.isDaemon());
        assertThat(store.load(CP.runId(), CP.key())).contains(CP);

        Path blocked = dir.resolve("blocked");
        CheckpointStore broken = CheckpointStore.file(blocked);
        Files.delete(blocked);
        Files.writeString(blocked, "a file where the directory was"); // every save now fails
        assertThatThrownBy(() -> broken.saveAsync(CP).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UncheckedIOException.class);
    }

    @Test
    void theJdbcStoreCommitsAsynchronousSavesOnTheCheckpointThreadsAndReportsAFailure() throws Exception {
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        boolean[] down = {false};
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:async-checkpoints;DB_CLOSE_DELAY=-1");
        javax.sql.DataSource watched = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        threads.add(Thread.currentThread().getName());
                        if (down[0]) {
                            throw new java.sql.SQLException("the database is down");
                        }
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        CheckpointStore store = CheckpointStore.jdbc(watched);
        threads.clear();
        store.saveAsync(CP).get(30, TimeUnit.SECONDS);
        assertThat(threads).isNotEmpty().allMatch(t -> t.startsWith("arbiter-checkpoint-io-"));
        assertThat(store.load(CP.runId(), CP.key())).contains(CP);

        down[0] = true;
        Checkpoint other = new Checkpoint("run-down", "k", "s", "1", Spend.NONE, Instant.EPOCH);
        assertThatThrownBy(() -> store.saveAsync(other).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot save checkpoint k of run run-down: the database is down");
    }

    @Test
    void manyRunsSavingAtOnceAreAllStoredAndARunsFirstSaveWins() throws Exception {
        CheckpointStore store = CheckpointStore.file(dir.resolve("many"));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (int run = 0; run < 200; run++) {
                for (int copy = 0; copy < 3; copy++) {
                    Checkpoint c = new Checkpoint("run-" + run, "k", "s", "\"copy " + copy + "\"", Spend.NONE,
                            Instant.EPOCH);
                    saves.add(copy == 1 ? store.saveAsync(c) : threads.submit(() -> store.save(c)));
                }
            }
            for (Future<?> f : saves) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int run = 0; run < 200; run++) {
            assertThat(store.load("run-" + run, "k")).as("run-" + run).isPresent();
        }
        try (Stream<Path> files = Files.list(dir.resolve("many"))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(200);
            for (Path f : all) {
                assertThat(Files.readAllLines(f).stream().filter(l -> !l.isBlank())).as("one line per run and key")
                        .hasSize(1);
            }
        }
    }

    @Test
    void aLineTornByACrashIsSkipped() throws Exception {
        Path files = dir.resolve("torn");
        CheckpointStore store = CheckpointStore.file(files);
        store.save(CP);
        try (Stream<Path> list = Files.list(files)) {
            Path file = list.findFirst().orElseThrow();
            Files.writeString(file, "{\"runId\":\"run-1\",\"key\":\"1:x", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        assertThat(store.load("run-1", "0:extract:abc")).contains(CP);
        assertThat(store.load("run-1", "1:x")).isEmpty();
    }
}
