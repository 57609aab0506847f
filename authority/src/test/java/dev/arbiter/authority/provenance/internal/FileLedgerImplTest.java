package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.provenance.ChainHead;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.Ed25519Keys;
import dev.arbiter.authority.provenance.Explanation;
import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.FileLedgerBuilder.Durability;
import dev.arbiter.authority.provenance.Fixtures;
import dev.arbiter.authority.provenance.LedgerDamagedException;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileLedgerImplTest {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("provenance.jsonl");
    }

    @Test
    void appendedRecordsReadBackInOrderAndTheChainVerifies() {
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            List<ProvenanceRecord> appended = Fixtures.fill(ledger, 20);

            assertThat(ledger.size()).isEqualTo(20);
            assertThat(ledger.read(0, 20)).isEqualTo(appended);
            assertThat(ledger.read(5, 7)).containsExactly(appended.get(5), appended.get(6));
            assertThat(ledger.verify()).isEqualTo(new LedgerVerification.Valid(20, appended.get(19).head()));
        }
    }

    @Test
    void everyLineIsTheCanonicalFormOfItsRecord() throws IOException {
        List<ProvenanceRecord> appended;
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            appended = Fixtures.fill(ledger, 3);
        }

        assertThat(Files.readString(file())).isEqualTo(appended.stream()
                .map(r -> r.canonicalLine() + "\n").collect(Collectors.joining()));
    }

    @Test
    void aReopenedLedgerContinuesTheChain() {
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            Fixtures.fill(ledger, 5);
        }
        ProvenanceRecord sixth;
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            sixth = ledger.append(Fixtures.entry(5));
            assertThat(ledger.verify().isValid()).isTrue();
        }

        assertThat(sixth.index()).isEqualTo(5);
        assertThat(ProvenanceLedger.file(file()).openReader().verify())
                .isEqualTo(new LedgerVerification.Valid(6, sixth.head()));
    }

    @Test
    void aSecondWriterInTheSameJvmIsRefused() {
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            assertThatThrownBy(() -> ProvenanceLedger.file(file()).open())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open for appending in this JVM");
            ledger.append(Fixtures.entry(0));
        }
        try (FileLedger again = ProvenanceLedger.file(file()).open()) {
            assertThat(again.size()).isEqualTo(1);
        }
    }

    @Test
    void aClosedLedgerRefusesAppendsAndReads() {
        FileLedger ledger = ProvenanceLedger.file(file()).open();
        Fixtures.fill(ledger, 2);
        ledger.close();

        assertThatThrownBy(() -> ledger.append(Fixtures.entry(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> ledger.read(0, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(ledger::verify)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> ledger.explain("run-0001"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }

    @Test
    void aPartialLastLineFailsTheOpenAndNamesTheLine() throws IOException {
        writeRecordsThenPartialLine(3, "{\"decision\":\"ACC");

        assertThatThrownBy(() -> ProvenanceLedger.file(file()).open())
                .isInstanceOfSatisfying(LedgerDamagedException.class, e -> {
                    assertThat(e.problem().reason()).isEqualTo(Reason.TRUNCATED_LINE);
                    assertThat(e.problem().index()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("line 4 of").contains("repairPartialLastLine");
                });
        assertThat(ProvenanceLedger.file(file()).openReader().verify())
                .isInstanceOfSatisfying(LedgerVerification.Broken.class, b -> {
                    assertThat(b.reason()).isEqualTo(Reason.TRUNCATED_LINE);
                    assertThat(b.index()).isEqualTo(3);
                });
    }

    @Test
    void repairCutsThePartialLineKeepsItsBytesAndRecordsTheRepairInTheChain() throws IOException {
        long offset = writeRecordsThenPartialLine(3, "{\"decision\":\"ACC");

        try (FileLedger ledger = ProvenanceLedger.file(file()).repairPartialLastLine(true).open()) {
            FileLedger.Repair repair = ledger.repair().orElseThrow();
            assertThat(repair.offset()).isEqualTo(offset);
            assertThat(repair.length()).isEqualTo(16);
            assertThat(repair.recordIndex()).isEqualTo(3);
            assertThat(Files.readString(repair.savedTo())).isEqualTo("{\"decision\":\"ACC");

            ProvenanceRecord r = ledger.read(3, 4).get(0);
            assertThat(r.entry().decision()).isEqualTo(Decision.LEDGER_REPAIRED);
            assertThat(r.entry().note().orElseThrow()).contains("16 bytes at byte offset " + offset);
            assertThat(ledger.append(Fixtures.entry(3)).index()).isEqualTo(4);
            assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                    v -> assertThat(v.count()).isEqualTo(5));
            assertThat(ledger.explain(FileOpening.LEDGER_RUN_ID).records()).containsExactly(r);
        }
    }

    @Test
    void aLedgerWithoutAPartialLineReportsNoRepair() {
        try (FileLedger ledger = ProvenanceLedger.file(file()).repairPartialLastLine(true).open()) {
            assertThat(ledger.repair()).isEmpty();
        }
    }

    @Test
    void anUnreadableLastRecordFailsTheOpen() throws IOException {
        writeRecordsThenPartialLine(2, "");
        Files.writeString(file(), "not a record\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> ProvenanceLedger.file(file()).repairPartialLastLine(true).open())
                .isInstanceOfSatisfying(LedgerDamagedException.class, e -> {
                    assertThat(e.problem().reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.problem().index()).isEqualTo(2);
                });
    }

    private long writeRecordsThenPartialLine(int records, String partial) throws IOException {
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            Fixtures.fill(ledger, records);
        }
        long offset = Files.size(file());
        Files.writeString(file(), partial, StandardOpenOption.APPEND);
        return offset;
    }

    /** Runs {@code body} on {@code threads} threads at once ({@code body} gets the thread's number) and waits. */
    private static void onThreads(int threads, java.util.function.IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> body.accept(thread)));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void appendsFromEightThreadsFormOneChain(Durability durability) throws Exception {
        Set<Long> indexes = ConcurrentHashMap.newKeySet();
        try (FileLedger ledger = ProvenanceLedger.file(file()).durability(durability).open()) {
            onThreads(8, thread -> {
                for (int i = 0; i < 40; i++) {
                    indexes.add(ledger.append(Fixtures.entry(thread * 40 + i)).index());
                }
            });

            assertThat(indexes).hasSize(320);
            assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                    v -> assertThat(v.count()).isEqualTo(320));
            if (durability == Durability.GROUP_COMMIT) {
                assertThat(((FileLedgerImpl) ledger).groupCommitForces()).isBetween(1L, 320L);
            }
        }
        assertThat(ProvenanceLedger.file(file()).openReader().verify().isValid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void asynchronousAppendsFromEightThreadsFormOneChainAndCompleteOnceStored(Durability durability) throws Exception {
        List<CompletableFuture<ProvenanceRecord>> appended = new CopyOnWriteArrayList<>();
        try (FileLedger ledger = ProvenanceLedger.file(file()).durability(durability).open()) {
            onThreads(8, thread -> {
                for (int i = 0; i < 40; i++) {
                    ProvenanceEntry entry = Fixtures.entry(thread * 40 + i);
                    // half of them wait on their thread: both kinds share the chain and the forces
                    appended.add(i % 2 == 0 ? ledger.appendAsync(entry)
                            : CompletableFuture.completedFuture(ledger.append(entry)));
                }
            });
            CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(appended.stream().map(f -> f.join().index()).distinct()).hasSize(320);
            assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                    v -> assertThat(v.count()).isEqualTo(320));
            for (CompletableFuture<ProvenanceRecord> f : appended) { // what each future gave is what the file holds
                ProvenanceRecord r = f.join();
                assertThat(ledger.read(r.index(), r.index() + 1).get(0).hash()).isEqualTo(r.hash());
            }
            if (durability == Durability.GROUP_COMMIT) {
                assertThat(((FileLedgerImpl) ledger).groupCommitForces()).isBetween(1L, 319L);
            }
        }
        assertThat(ProvenanceLedger.file(file()).openReader().verify().isValid()).isTrue();
    }

    @Test
    void aClosedLedgerFailsAnAsynchronousAppendWithoutThrowing() {
        FileLedger ledger = ProvenanceLedger.file(file()).durability(Durability.GROUP_COMMIT).open();
        ledger.close();

        assertThat(ledger.appendAsync(Fixtures.entry(1))).isCompletedExceptionally();
    }

    @Test
    void appendsFromSixteenThreadsWithAGroupCommitDelayFormOneChainAndShareForces() throws Exception {
        Set<Long> indexes = ConcurrentHashMap.newKeySet();
        try (FileLedger ledger = ProvenanceLedger.file(file()).durability(Durability.GROUP_COMMIT)
                .groupCommitDelay(java.time.Duration.ofMillis(2)).open()) {
            onThreads(16, thread -> {
                for (int i = 0; i < 25; i++) {
                    indexes.add(ledger.append(Fixtures.entry(thread * 25 + i)).index());
                }
            });

            assertThat(indexes).hasSize(400);
            assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                    v -> assertThat(v.count()).isEqualTo(400));
            assertThat(((FileLedgerImpl) ledger).groupCommitForces()).isBetween(1L, 399L);
        }
        assertThat(ProvenanceLedger.file(file()).openReader().verify().isValid()).isTrue();
    }

    @Test
    void aGroupCommitDelayIsRefusedWithoutGroupCommitOrOutOfRange() {
        assertThatThrownBy(() -> ProvenanceLedger.file(file()).groupCommitDelay(java.time.Duration.ofMillis(1)).open())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs Durability.GROUP_COMMIT");
        assertThatThrownBy(() -> ProvenanceLedger.file(file()).groupCommitDelay(java.time.Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1 s");
        assertThatThrownBy(() -> ProvenanceLedger.file(file()).groupCommitDelay(java.time.Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1 s");
        assertThat(file()).doesNotExist();
    }

    @Test
    void explainFindsARunAndAnArtifact() {
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            List<ProvenanceRecord> records = Fixtures.fill(ledger, 10);

            Explanation byRun = ledger.explain("run-3");
            Explanation byArtifact = ledger.explain(Fixtures.artifact(6));

            assertThat(byRun.records()).containsExactly(records.get(6), records.get(7));
            assertThat(byArtifact.records()).containsExactly(records.get(6));
            assertThat(ledger.explain("run-99").isEmpty()).isTrue();
            assertThat(ProvenanceLedger.file(file()).openReader().explain("run-3").records())
                    .containsExactly(records.get(6), records.get(7));
        }
    }

    @Test
    void signedRecordsVerifyWithThePublicKeyAndATamperedSignatureIsFound() throws IOException {
        KeyPair keys = Ed25519Keys.generate();
        List<ProvenanceRecord> records;
        try (FileLedger ledger = ProvenanceLedger.file(file()).signer(RecordSigner.ed25519(keys)).open()) {
            records = Fixtures.fill(ledger, 6);
        }
        VerifyOptions withKey = VerifyOptions.defaults().withPublicKey(keys.getPublic());
        assertThat(ProvenanceLedger.file(file()).openReader().verify(withKey).isValid()).isTrue();

        String sig = records.get(4).signature().orElseThrow();
        String forged = Base64.getEncoder().encodeToString(RecordSigner.ed25519(Ed25519Keys.generate())
                .sign(records.get(4).hash().getBytes(StandardCharsets.US_ASCII)));
        Files.writeString(file(), Files.readString(file()).replace(sig, forged));

        assertThat(ProvenanceLedger.file(file()).openReader().verify().isValid()).isTrue();
        assertThat(ProvenanceLedger.file(file()).openReader().verify(withKey))
                .isInstanceOfSatisfying(LedgerVerification.Broken.class, b -> {
                    assertThat(b.index()).isEqualTo(4);
                    assertThat(b.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                });
    }

    @Test
    void readingOutsideTheLedgerIsAnError() {
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            Fixtures.fill(ledger, 2);

            assertThatThrownBy(() -> ledger.read(1, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("[1, 3)").hasMessageContaining("2 records");
            assertThat(ledger.read(2, 2)).isEmpty();
        }
    }

    @Test
    void anEmptyLedgerIsValid() {
        try (FileLedger ledger = ProvenanceLedger.file(file()).open()) {
            assertThat(ledger.verify()).isEqualTo(new LedgerVerification.Valid(0, ChainHead.EMPTY));
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void anInterruptedAppenderNeitherClosesTheFileNorStopsTheLedger(Durability durability) throws Exception {
        try (FileLedger ledger = ProvenanceLedger.file(file()).durability(durability).open()) {
            ledger.append(Fixtures.entry(0));
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt(); // as a cancelled request's thread: set before it appends
                try {
                    ProvenanceRecord r = ledger.append(Fixtures.entry(1));
                    outcome.set(Thread.currentThread().isInterrupted() ? r : "the interrupt was lost");
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            interrupted.start();
            interrupted.join();

            // alone, the interrupted appender leads its own force, which the interrupt does not abort
            assertThat(outcome.get()).isInstanceOfSatisfying(ProvenanceRecord.class,
                    r -> assertThat(r.index()).isEqualTo(1));
            assertThat(ledger.append(Fixtures.entry(2)).index()).isEqualTo(2);
            assertThat(ledger.verify().isValid()).isTrue();
        }
        try (FileLedger reopened = ProvenanceLedger.file(file()).open()) {
            assertThat(reopened.size()).isEqualTo(3);
        }
    }

    @Test
    void appendersInterruptedAtRandomLeaveOneValidChainWithEveryAcknowledgedRecord() throws Exception {
        int threads = 8;
        int each = 150;
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger notAcknowledged = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        try (FileLedger ledger = ProvenanceLedger.file(file()).durability(Durability.GROUP_COMMIT).open()) {
            List<Thread> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            acknowledged.add(ledger.append(Fixtures.entry(thread * each + i)).index());
                        } catch (UncheckedIOException e) {
                            if (!(e.getCause() instanceof java.io.InterruptedIOException)) {
                                unexpected.compareAndSet(null, e);
                                return;
                            }
                            notAcknowledged.incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.compareAndSet(null, e);
                            return;
                        }
                        Thread.interrupted(); // an interrupt that came after the append is for this one only
                    }
                }));
            }
            appenders.forEach(Thread::start);
            java.util.Random random = new java.util.Random(7);
            while (appenders.stream().anyMatch(Thread::isAlive)) {
                appenders.get(random.nextInt(threads)).interrupt();
                Thread.sleep(0, 200_000);
            }
            for (Thread a : appenders) {
                a.join();
            }

            assertThat(unexpected.get()).isNull();
            assertThat(acknowledged.size() + notAcknowledged.get()).isEqualTo(threads * each);
            ProvenanceRecord after = ledger.append(Fixtures.entry(threads * each)); // the ledger goes on
            assertThat(after.index()).isEqualTo(threads * each);
            assertThat(ledger.verify()).isEqualTo(new LedgerVerification.Valid(threads * each + 1, after.head()));
        }
        try (FileLedger reopened = ProvenanceLedger.file(file()).open()) {
            // every sealed record is in the file, those whose appender gave up waiting too
            assertThat(reopened.size()).isEqualTo(threads * each + 1);
            assertThat(reopened.verify().isValid()).isTrue();
        }
    }

    @Test
    void anInterruptedReaderFailsOnlyItsOwnRead() throws Exception {
        try (FileLedger ledger = ProvenanceLedger.file(file()).durability(Durability.GROUP_COMMIT).open()) {
            List<ProvenanceRecord> appended = Fixtures.fill(ledger, 5);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    outcome.set(ledger.read(0, 5));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            reader.start();
            reader.join();

            assertThat(outcome.get()).as("its own channel, closed by the interrupt").isInstanceOfSatisfying(
                    UncheckedIOException.class, e -> assertThat(e).hasRootCauseInstanceOf(
                            java.nio.channels.ClosedByInterruptException.class));
            assertThat(ledger.read(0, 5)).isEqualTo(appended);
            assertThat(ledger.append(Fixtures.entry(5)).index()).isEqualTo(5);
            assertThat(ledger.verify().isValid()).isTrue();
        }
    }
}
