package dev.arbiter.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Usage;
import dev.arbiter.workflow.Checkpoint;
import dev.arbiter.workflow.CheckpointLog;
import dev.arbiter.workflow.CheckpointStore;
import dev.arbiter.workflow.Spend;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLogTest {

    @TempDir
    Path dir;

    private static Checkpoint checkpoint(String run, String key, String artifact) {
        return new Checkpoint(run, key, "step", artifact, new Spend(1, Usage.of(10, 20), 0, new BigDecimal("0.0125"),
                Duration.ofMillis(1500)), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static List<String> lines(Path directory) throws Exception {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("checkpoints-")).sorted().toList()) {
                all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    private static Path onlySegment(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("checkpoints-")).findFirst().orElseThrow();
        }
    }

    @Test
    void checkpointsSurviveClosingAndOpeningAgainAndTheFirstSaveStillWins() {
        Path logDir = dir.resolve("log");
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            for (int run = 0; run < 50; run++) {
                for (int step = 0; step < 3; step++) {
                    log.save(checkpoint("run-" + run, step + ":s:abc", "{\"n\":" + (run * 10 + step) + "}"));
                }
            }
            assertThat(log.size()).isEqualTo(150);
        }
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            assertThat(log.size()).as("read back when opened").isEqualTo(150);
            for (int run = 0; run < 50; run++) {
                for (int step = 0; step < 3; step++) {
                    assertThat(log.load("run-" + run, step + ":s:abc")).contains(
                            checkpoint("run-" + run, step + ":s:abc", "{\"n\":" + (run * 10 + step) + "}"));
                }
            }
            assertThat(log.load("run-0", "3:s:abc")).isEmpty();
            log.save(checkpoint("run-0", "0:s:abc", "\"a second save\""));
            assertThat(log.load("run-0", "0:s:abc").orElseThrow().artifactJson()).isEqualTo("{\"n\":0}");
            assertThat(log.size()).isEqualTo(150);
        }
    }

    @Test
    void aLineTornByACrashIsCutOffAndTheNextSaveStartsOnALineOfItsOwn() throws Exception {
        Path logDir = dir.resolve("torn");
        Checkpoint kept = checkpoint("run-1", "0:a:x", "1");
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            log.save(kept);
        }
        Path segment = onlySegment(logDir);
        Files.writeString(segment, "0badc0de {\"runId\":\"run-1\",\"key\":\"1:b", StandardOpenOption.APPEND);
        Checkpoint next = checkpoint("run-1", "1:b:x", "2");
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            assertThat(log.size()).isEqualTo(1);
            assertThat(log.load("run-1", "0:a:x")).contains(kept);
            assertThat(log.load("run-1", "1:b:x")).as("the torn step runs again").isEmpty();
            log.save(next);
        }
        assertThat(lines(logDir)).hasSize(2).allMatch(l -> l.matches("[0-9a-f]{8} \\{.*\\}"));
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            assertThat(log.load("run-1", "0:a:x")).contains(kept);
            assertThat(log.load("run-1", "1:b:x")).contains(next);
        }
    }

    @Test
    void aDamagedLineIsSkippedAndTheLinesAroundItLoad() throws Exception {
        Path logDir = dir.resolve("damaged");
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            for (int i = 0; i < 3; i++) {
                log.save(checkpoint("run-" + i, "0:a:x", "{\"total\":" + i + "}"));
            }
        }
        Path segment = onlySegment(logDir);
        String text = Files.readString(segment);
        String damaged = text.replace("{\\\"total\\\":1}", "{\\\"total\\\":7}"); // valid JSON, wrong CRC
        assertThat(damaged).isNotEqualTo(text);
        Files.writeString(segment, damaged);
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.load("run-0", "0:a:x")).isPresent();
            assertThat(log.load("run-1", "0:a:x")).as("the damaged line's step runs again").isEmpty();
            assertThat(log.load("run-2", "0:a:x")).isPresent();
            Checkpoint again = checkpoint("run-1", "0:a:x", "{\"total\":1}");
            log.save(again);
            assertThat(log.load("run-1", "0:a:x")).contains(again);
        }
    }

    @Test
    void segmentsRollOverAndAreAllReadBack() throws Exception {
        Path logDir = dir.resolve("segments");
        try (LogCheckpointStore log = new LogCheckpointStore(logDir, 2_000, Duration.ofDays(1))) {
            for (int i = 0; i < 40; i++) {
                log.save(checkpoint("run-" + i, "0:a:x", "\"" + "x".repeat(200) + i + "\""));
            }
        }
        try (Stream<Path> files = Files.list(logDir)) {
            assertThat(files.filter(f -> f.getFileName().toString().matches("checkpoints-\\d{6}\\.log")).count())
                    .as("segments of about 2,000 bytes").isGreaterThan(3);
        }
        try (LogCheckpointStore log = new LogCheckpointStore(logDir, 2_000, Duration.ofDays(1))) {
            assertThat(log.size()).isEqualTo(40);
            for (int i = 0; i < 40; i++) {
                assertThat(log.load("run-" + i, "0:a:x").orElseThrow().artifactJson()).endsWith(i + "\"");
            }
            log.save(checkpoint("run-40", "0:a:x", "\"after\""));
            assertThat(log.load("run-40", "0:a:x")).isPresent();
        }
    }

    @Test
    void closedSegmentsLastWrittenBeforeACutoffAreForgottenAndTheOneBeingWrittenIsKept() throws Exception {
        Path logDir = dir.resolve("forget");
        Instant cutoff;
        try (LogCheckpointStore log = new LogCheckpointStore(logDir, 1L << 20, Duration.ofMillis(1))) {
            log.save(checkpoint("run-0", "0:a:x", "0")); // each later save begins a segment: the last is 1 ms old
            Thread.sleep(5);
            log.save(checkpoint("run-1", "0:a:x", "1"));
            Thread.sleep(5);
            cutoff = Instant.now();
            Thread.sleep(5);
            log.save(checkpoint("run-2", "0:a:x", "2"));
            Thread.sleep(5);
            log.save(checkpoint("run-3", "0:a:x", "3"));
            assertThat(segments(logDir)).hasSize(4);

            assertThat(log.forgetSegmentsBefore(Instant.EPOCH)).isZero();
            assertThat(log.forgetSegmentsBefore(cutoff)).isEqualTo(2);
            assertThat(segments(logDir)).hasSize(2);
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.load("run-0", "0:a:x")).isEmpty();
            assertThat(log.load("run-1", "0:a:x")).isEmpty();
            assertThat(log.load("run-2", "0:a:x")).isPresent();

            assertThat(log.forgetSegmentsBefore(Instant.now().plusSeconds(60))).as("all but the one being written")
                    .isEqualTo(1);
            assertThat(log.load("run-3", "0:a:x")).isPresent();
            log.save(checkpoint("run-0", "0:a:x", "\"again\""));
            assertThat(log.load("run-0", "0:a:x").orElseThrow().artifactJson()).isEqualTo("\"again\"");
        }
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.load("run-3", "0:a:x")).isPresent();
            assertThat(log.load("run-0", "0:a:x")).isPresent();
            assertThat(log.load("run-2", "0:a:x")).isEmpty();
        }
    }

    @Test
    void loadsRacingWithForgettingFindTheCheckpointOrNothing() throws Exception {
        Path logDir = dir.resolve("race");
        try (LogCheckpointStore log = new LogCheckpointStore(logDir, 4_000, Duration.ofDays(1))) {
            int runs = 2_000;
            for (int i = 0; i < runs; i++) {
                log.save(checkpoint("run-" + i, "0:a:x", "\"" + i + "\""));
            }
            assertThat(segments(logDir).size()).isGreaterThan(50);
            ExecutorService loaders = Executors.newFixedThreadPool(3);
            try {
                List<Future<Integer>> found = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    found.add(loaders.submit(() -> {
                        int present = 0;
                        for (int i = 0; i < runs; i++) {
                            var c = log.load("run-" + i, "0:a:x");
                            if (c.isPresent()) {
                                assertThat(c.get().artifactJson()).isEqualTo("\"" + i + "\"");
                                present++;
                            }
                        }
                        return present;
                    }));
                }
                long forgotten = log.forgetSegmentsBefore(Instant.now().plusSeconds(60));
                for (Future<Integer> f : found) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isBetween(0, runs);
                }
                assertThat(forgotten + log.size()).isEqualTo(runs);
                assertThat(segments(logDir)).hasSize(1);
            } finally {
                loaders.shutdownNow();
            }
        }
    }

    @Test
    void aLogDamagedAnywhereOpensAndEveryCheckpointLoadsWholeOrNotAtAll() throws Exception {
        Random random = new Random(4711);
        long kept = 0;
        long lost = 0;
        for (int trial = 0; trial < 60; trial++) {
            Path logDir = dir.resolve("fuzz-" + trial);
            List<Checkpoint> saved = new ArrayList<>();
            try (CheckpointLog log = CheckpointStore.log(logDir)) {
                for (int i = 0; i < 30; i++) {
                    Checkpoint c = checkpoint("run-" + i, i % 3 + ":s:k", "{\"n\":" + i + ",\"s\":\"ü\\\"…\"}");
                    log.save(c);
                    saved.add(c);
                }
            }
            Path segment = onlySegment(logDir);
            byte[] bytes = Files.readAllBytes(segment);
            int damage = random.nextInt(3);
            if (damage == 0) { // flip bytes
                for (int f = 1 + random.nextInt(4); f > 0; f--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                }
            } else if (damage == 1) { // torn: cut anywhere
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else { // garbage appended, as a crash mid-write may leave
                byte[] tail = new byte[1 + random.nextInt(200)];
                random.nextBytes(tail);
                byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
                System.arraycopy(tail, 0, longer, bytes.length, tail.length);
                bytes = longer;
            }
            Files.write(segment, bytes);
            try (CheckpointLog log = CheckpointStore.log(logDir)) {
                long present = 0;
                for (Checkpoint c : saved) {
                    var loaded = log.load(c.runId(), c.key());
                    if (loaded.isPresent()) {
                        assertThat(loaded.get()).as("trial %d", trial).isEqualTo(c);
                        present++;
                    }
                }
                assertThat(log.size()).as("trial %d", trial).isEqualTo(present);
                kept += present;
                lost += saved.size() - present;
                Checkpoint after = checkpoint("run-after", "0:s:k", "1");
                log.save(after);
                assertThat(log.load("run-after", "0:s:k")).contains(after);
            }
            try (CheckpointLog log = CheckpointStore.log(logDir)) {
                assertThat(log.load("run-after", "0:s:k")).as("trial %d: saved after the damage", trial).isPresent();
            }
        }
        assertThat(lost).as("checkpoints lost to the damage, of %d", kept + lost).isBetween(1L, kept - 1);
    }

    private static List<Path> segments(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("checkpoints-")).toList();
        }
    }

    @Test
    void manyRunsSavingAtOnceAreAllStoredOnceEachAndARunsFirstSaveWins() throws Exception {
        Path logDir = dir.resolve("many");
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            List<Future<?>> saves = new ArrayList<>();
            for (int run = 0; run < 300; run++) {
                for (int copy = 0; copy < 3; copy++) {
                    Checkpoint c = checkpoint("run-" + run, "0:s:k", "\"copy " + copy + "\"");
                    saves.add(copy == 1 ? log.saveAsync(c) : threads.submit(() -> log.save(c)));
                }
            }
            for (Future<?> f : saves) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(log.size()).isEqualTo(300);
            for (int run = 0; run < 300; run++) {
                assertThat(log.load("run-" + run, "0:s:k")).as("run-" + run).isPresent();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(lines(logDir)).as("one line per run and key").hasSize(300);
    }

    @Test
    void anAsynchronousLoadAnswersFromTheIndexAndFailsAsLoadDoes() throws Exception {
        try (CheckpointLog log = CheckpointStore.log(dir.resolve("async-load"))) {
            Checkpoint c = checkpoint("run-1", "0:a:x", "1");
            CompletableFuture<Void> saving = log.saveAsync(c);
            CompletableFuture<java.util.Optional<Checkpoint>> loading = log.loadAsync("run-1", "0:a:x");
            saving.get(30, TimeUnit.SECONDS);
            assertThat(loading.get(30, TimeUnit.SECONDS)).as("known once its save is forced").contains(c);
            assertThat(log.loadAsync("run-2", "0:a:x")).isCompletedWithValue(java.util.Optional.empty());
            log.close();
            assertThat(log.loadAsync("run-1", "0:a:x")).isCompletedExceptionally();
        }
    }

    @Test
    void aSecondLogOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        Path logDir = dir.resolve("owned");
        CheckpointLog first = CheckpointStore.log(logDir);
        assertThatThrownBy(() -> CheckpointStore.log(logDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is open in another store");
        first.save(checkpoint("run-1", "0:a:x", "1"));
        first.close();
        first.close(); // closing again does nothing
        try (CheckpointLog second = CheckpointStore.log(logDir)) {
            assertThat(second.load("run-1", "0:a:x")).isPresent();
        }
    }

    @Test
    void aClosedLogRefusesSavesAndLoads() {
        CheckpointLog log = CheckpointStore.log(dir.resolve("closed"));
        log.close();
        Checkpoint c = checkpoint("run-1", "0:a:x", "1");
        assertThatThrownBy(() -> log.save(c)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> log.saveAsync(c).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.load("run-1", "0:a:x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aFailedWriteFailsThatSaveAndEveryLaterOneWhileWhatWasStoredStillLoads() throws Exception {
        Path logDir = dir.resolve("failing");
        Path moved = dir.resolve("moved");
        try (LogCheckpointStore log = new LogCheckpointStore(logDir, 1, Duration.ofDays(1))) { // every write after the first rolls
            Checkpoint stored = checkpoint("run-1", "0:a:x", "1");
            log.save(stored);
            Files.move(logDir, moved); // the next segment cannot be created
            Checkpoint lost = checkpoint("run-2", "0:a:x", "2");
            assertThatThrownBy(() -> log.save(lost)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot save checkpoint 0:a:x of run run-2");
            CompletableFuture<Void> later = log.saveAsync(checkpoint("run-3", "0:a:x", "3"));
            assertThatThrownBy(() -> later.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(UncheckedIOException.class);
            assertThat(log.load("run-1", "0:a:x")).contains(stored);
            assertThat(log.load("run-2", "0:a:x")).as("not stored").isEmpty();
            assertThat(log.size()).isEqualTo(1);
        }
        try (CheckpointLog log = CheckpointStore.log(moved)) {
            assertThat(log.size()).isEqualTo(1);
        }
    }

    @Test
    void theStreamedJsonIsTheTreesJsonThatEarlierStoresWrote() {
        Checkpoint c = new Checkpoint("run-\u00e9\"1", "0:a:\\x", "st\nep", "{\"ü\":\"…\\\"\",\"n\":[1,2.50]}",
                new Spend(3, Usage.of(1_234_567_890_123L, 20), 2, new BigDecimal("0.00000125"),
                        Duration.ofMillis(1500)), Instant.parse("2026-01-01T00:00:00.123456Z"));
        com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        n.put("runId", c.runId()).put("key", c.key()).put("stepId", c.stepId()).put("artifact", c.artifactJson())
                .put("attempts", c.spend().attempts()).put("inputTokens", c.spend().usage().inputTokens())
                .put("outputTokens", c.spend().usage().outputTokens()).put("toolCalls", c.spend().toolCalls())
                .put("cost", c.spend().cost().toPlainString()).put("elapsedMillis", c.spend().elapsed().toMillis())
                .put("time", c.time().toString());
        assertThat(CheckpointJson.write(c)).isEqualTo(n.toString());
        assertThat(CheckpointJson.read(CheckpointJson.write(c))).isEqualTo(c);
    }

    @Test
    void aLineCarriesTheCrcOfItsJson() {
        byte[] line = CheckpointLines.line(checkpoint("run-1", "0:a:x", "{\"ü\":\"…\"}"));
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").matches("(?s)[0-9a-f]{8} \\{.*\\}\n");
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(line, 9, line.length - 10);
        assertThat(text.substring(0, 8)).isEqualTo(String.format("%08x", crc.getValue()));
    }

    @Test
    void anInterruptedLoadFailsOnlyItselfAndTheLogGoesOnSavingAndLoading() throws Exception {
        Path logDir = dir.resolve("log");
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            log.save(checkpoint("run-1", "0:s:abc", "1"));
            java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
            Thread loader = new Thread(() -> {
                Thread.currentThread().interrupt(); // a cancelled run's thread
                try {
                    outcome.set(log.load("run-1", "0:s:abc"));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            loader.start();
            loader.join();

            assertThat(outcome.get()).isInstanceOf(UncheckedIOException.class); // the interrupt closed its channel
            assertThat(log.load("run-1", "0:s:abc")).contains(checkpoint("run-1", "0:s:abc", "1"));
            log.save(checkpoint("run-2", "0:s:abc", "2")); // the segment written is not the one read
            assertThat(log.load("run-2", "0:s:abc")).contains(checkpoint("run-2", "0:s:abc", "2"));
        }
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            assertThat(log.size()).isEqualTo(2);
        }
    }

    @Test
    void loadersInterruptedAtRandomNeverStopOthersFromLoadingOrTheLogFromSaving() throws Exception {
        Path logDir = dir.resolve("log");
        try (CheckpointLog log = CheckpointStore.log(logDir)) {
            for (int run = 0; run < 50; run++) {
                log.save(checkpoint("run-" + run, "0:s:abc", String.valueOf(run)));
            }
            java.util.concurrent.atomic.AtomicReference<Throwable> unexpected =
                    new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicInteger loaded = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> loaders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                loaders.add(new Thread(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int run = i % 50;
                        try {
                            assertThat(log.load("run-" + run, "0:s:abc"))
                                    .contains(checkpoint("run-" + run, "0:s:abc", String.valueOf(run)));
                            loaded.incrementAndGet();
                        } catch (UncheckedIOException e) {
                            if (!(e.getCause() instanceof java.nio.channels.ClosedByInterruptException)) {
                                unexpected.compareAndSet(null, e);
                            }
                        } catch (Throwable e) {
                            unexpected.compareAndSet(null, e);
                        }
                        Thread.interrupted();
                    }
                }));
            }
            loaders.forEach(Thread::start);
            Random random = new Random(11);
            int saved = 50;
            while (loaders.stream().anyMatch(Thread::isAlive)) {
                loaders.get(random.nextInt(loaders.size())).interrupt();
                log.save(checkpoint("run-" + saved, "0:s:abc", String.valueOf(saved)));
                saved++;
            }
            for (Thread l : loaders) {
                l.join();
            }

            assertThat(unexpected.get()).isNull();
            assertThat(loaded.get()).isPositive();
            assertThat(log.size()).isEqualTo(saved);
            for (int run = 0; run < saved; run++) {
                assertThat(log.load("run-" + run, "0:s:abc")).isPresent();
            }
        }
    }

    @Test
    void aReadRacingWithCloseFailsAndOpensNoChannelAgain() throws Exception {
        Path segmentsDir = Files.createDirectories(dir.resolve("segments"));
        CheckpointSegments segments = new CheckpointSegments(segmentsDir, 1 << 20, Duration.ofDays(1), (t, a) -> { });
        byte[] line = "a line\n".getBytes(StandardCharsets.UTF_8);
        long offset = segments.startOf(line.length, System.currentTimeMillis());
        segments.append(new java.nio.ByteBuffer[] {java.nio.ByteBuffer.wrap(line)}, line.length,
                System.currentTimeMillis());
        CheckpointSegments.At at = new CheckpointSegments.At(segments.current(), line.length - 1, offset);
        assertThat(new String(segments.read(at), StandardCharsets.UTF_8)).isEqualTo("a line");

        segments.close(); // as the log closes while a load is on its way
        assertThatThrownBy(() -> segments.read(at)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the log is closed");
    }
}
