package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.FileLedgerBuilder.Durability;
import dev.arbiter.authority.provenance.Fixtures;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appendAsync} with {@code FSYNC_EACH}: each record is sealed, written and forced on the ledger's thread for
 * such appends, in the order asked, and the asking thread does not wait for the disk; a synchronous append comes
 * after the asynchronous ones asked before it; closing writes every append already asked for.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FsyncEachAsyncTest {

    @TempDir
    Path dir;

    private FileLedger open() {
        return ProvenanceLedger.file(dir.resolve("provenance.jsonl")).durability(Durability.FSYNC_EACH).open();
    }

    @Test
    void asynchronousAppendsAreStoredInTheOrderAskedOnTheLedgersThreadAndASynchronousOneComesAfterThem() {
        Set<String> completedOn = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<ProvenanceRecord>> appended = new ArrayList<>();
        try (FileLedger ledger = open()) {
            for (int i = 0; i < 50; i++) {
                CompletableFuture<ProvenanceRecord> f = ledger.appendAsync(Fixtures.entry(i));
                f.thenRun(() -> completedOn.add(Thread.currentThread().getName()));
                appended.add(f);
            }
            ProvenanceRecord after = ledger.append(Fixtures.entry(50));

            assertThat(after.index()).as("after every asynchronous append asked before it").isEqualTo(50);
            for (int i = 0; i < 50; i++) {
                ProvenanceRecord r = appended.get(i).join();
                assertThat(r.index()).isEqualTo(i);
                assertThat(r.entry()).isEqualTo(Fixtures.entry(i));
            }
            assertThat(completedOn).as("completed where the force ran, or here if already done when asked")
                    .anyMatch(name -> name.startsWith("arbiter-ledger-append-"))
                    .allMatch(name -> name.startsWith("arbiter-ledger-append-")
                            || name.equals(Thread.currentThread().getName()));
        }
        assertThat(ProvenanceLedger.file(dir.resolve("provenance.jsonl")).openReader().verify())
                .isInstanceOfSatisfying(LedgerVerification.Valid.class, v -> assertThat(v.count()).isEqualTo(51));
    }

    @Test
    void closingWritesEveryAppendAskedForBeforeItAndRefusesLaterOnes() {
        FileLedger ledger = open();
        List<CompletableFuture<ProvenanceRecord>> appended = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            appended.add(ledger.appendAsync(Fixtures.entry(i)));
        }
        ledger.close();

        assertThat(appended).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        CompletableFuture<ProvenanceRecord> late = ledger.appendAsync(Fixtures.entry(100));
        assertThat(late).isCompletedExceptionally();
        assertThat(late.handle((r, e) -> e.getMessage()).join()).endsWith("is closed");
        assertThat(ProvenanceLedger.file(dir.resolve("provenance.jsonl")).openReader().verify())
                .isInstanceOfSatisfying(LedgerVerification.Valid.class, v -> assertThat(v.count()).isEqualTo(100));
    }

    @Test
    void aCompletionOnTheLedgersThreadMayAppendAfterTheQueuedOnesAndCloseWithoutWaitingForItself() throws Exception {
        FileLedger ledger = open();
        AtomicReference<ProvenanceRecord> appendedInCompletion = new AtomicReference<>();
        CountDownLatch queued = new CountDownLatch(1);
        CompletableFuture<ProvenanceRecord> first = ledger.appendAsync(Fixtures.entry(0));
        CompletableFuture<Void> then = first.thenRun(() -> {
            if (!Thread.currentThread().getName().startsWith("arbiter-ledger-append-")) {
                return; // stored before this was attached: nothing runs on the ledger's thread
            }
            try {
                queued.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            appendedInCompletion.set(ledger.append(Fixtures.entry(99))); // after the twenty asked before it
            ledger.close(); // on the ledger's own thread: does not wait for itself
        });
        List<CompletableFuture<ProvenanceRecord>> appended = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            appended.add(ledger.appendAsync(Fixtures.entry(i)));
        }
        queued.countDown();
        then.get(30, TimeUnit.SECONDS);
        if (appendedInCompletion.get() == null) { // the rare run where the first force ended at once
            ledger.close();
        } else {
            assertThat(appendedInCompletion.get().index()).isEqualTo(21);
        }

        for (int i = 0; i < 20; i++) {
            assertThat(appended.get(i).join().index()).isEqualTo(i + 1);
        }
        long expected = appendedInCompletion.get() == null ? 21 : 22;
        assertThat(ProvenanceLedger.file(dir.resolve("provenance.jsonl")).openReader().verify())
                .isInstanceOfSatisfying(LedgerVerification.Valid.class, v -> assertThat(v.count()).isEqualTo(expected));
    }
}
