package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
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

    static Stream<CheckpointStore> stores() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:checkpoints;DB_CLOSE_DELAY=-1");
        return Stream.of(CheckpointStore.inMemory(), CheckpointStore.file(dir.resolve("files")),
                CheckpointStore.jdbc(h2));
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
