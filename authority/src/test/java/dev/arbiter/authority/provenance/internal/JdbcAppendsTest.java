package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.provenance.Fixtures;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDBC ledger's queue of appends: {@code appendAsync} returns without touching the database, appends are written
 * in the order they were asked for, many per transaction, and a failure fails only what it must.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcAppendsTest {

    /** A data source that notes who takes connections, and can hold them back or refuse them. */
    private static final class Watched implements DataSource {
        final DataSource inner = JdbcLedgerTest.h2Memory();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicBoolean down = new AtomicBoolean();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public Connection getConnection() throws SQLException {
            threads.add(Thread.currentThread().getName());
            connections.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
            if (down.get()) {
                throw new SQLException("connection refused", "08001");
            }
            return inner.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override public PrintWriter getLogWriter() throws SQLException { return inner.getLogWriter(); }
        @Override public void setLogWriter(PrintWriter out) throws SQLException { inner.setLogWriter(out); }
        @Override public void setLoginTimeout(int seconds) throws SQLException { inner.setLoginTimeout(seconds); }
        @Override public int getLoginTimeout() throws SQLException { return inner.getLoginTimeout(); }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return inner.getParentLogger(); }
        @Override public <T> T unwrap(Class<T> type) throws SQLException { return inner.unwrap(type); }
        @Override public boolean isWrapperFor(Class<?> type) throws SQLException { return inner.isWrapperFor(type); }
    }

    @Test
    void appendAsyncReturnsWithoutTheDatabaseAndTheChainKeepsTheOrderOfTheCalls() throws Exception {
        Watched ds = new Watched();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            ds.threads.clear();
            ds.connections.set(0);
            ds.gate = new CountDownLatch(1); // the database answers when the test says
            String caller = Thread.currentThread().getName();
            List<CompletableFuture<ProvenanceRecord>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(ledger.appendAsync(Fixtures.entry(i)));
            }
            assertThat(futures).noneMatch(CompletableFuture::isDone);
            ds.gate.countDown();

            for (int i = 0; i < futures.size(); i++) {
                ProvenanceRecord r = futures.get(i).get(30, TimeUnit.SECONDS);
                assertThat(r.index()).isEqualTo(i);
                assertThat(r.entry()).isEqualTo(Fixtures.entry(i));
            }
            assertThat(ds.threads).as("who took connections").doesNotContain(caller)
                    .allSatisfy(t -> assertThat(t).startsWith("arbiter-jdbc-ledger-"));
            assertThat(ds.connections.get()).as("transactions for 200 appends queued at once").isLessThanOrEqualTo(3);
            assertThat(ledger.verify()).isInstanceOf(LedgerVerification.Valid.class);
            assertThat(ledger.read(0, 200)).extracting(ProvenanceRecord::entry)
                    .containsExactlyElementsOf(futures.stream().map(CompletableFuture::join)
                            .map(ProvenanceRecord::entry).toList());
        }
    }

    @Test
    void appendsFromSixteenThreadsShareTransactionsAndFormOneChain() throws Exception {
        Watched ds = new Watched();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            ds.connections.set(0);
            int threads = 16;
            int each = 50;
            List<Thread> appenders = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(started(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < each; i++) {
                        ledger.append(Fixtures.entry(thread * each + i)); // waits for its commit
                    }
                }));
            }
            start.countDown();
            for (Thread a : appenders) {
                a.join();
            }
            assertThat(ledger.size()).isEqualTo(threads * each);
            assertThat(ledger.verify()).isEqualTo(new LedgerVerification.Valid(threads * each,
                    ledger.read(threads * each - 1, threads * each).get(0).head()));
            assertThat(ds.connections.get()).as("transactions for %d appends", threads * each)
                    .isLessThan(threads * each);
        }
    }

    @Test
    void anEntryWhoseSignerThrowsFailsAloneAndTheOthersOfItsTransactionAreStored() throws Exception {
        Watched ds = new Watched();
        RecordSigner flaky = new RecordSigner() {
            @Override
            public String keyId() {
                return "k1";
            }

            @Override
            public byte[] sign(byte[] message) {
                if (signed.incrementAndGet() == 2) {
                    throw new IllegalStateException("the key store is locked");
                }
                return new byte[] {1, 2, 3};
            }

            final AtomicInteger signed = new AtomicInteger();
        };
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).signer(flaky).open()) {
            ds.gate = new CountDownLatch(1);
            List<CompletableFuture<ProvenanceRecord>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(ledger.appendAsync(Fixtures.entry(i)));
            }
            ds.gate.countDown();

            assertThat(futures.get(0).get(30, TimeUnit.SECONDS).index()).isZero();
            assertThat(futures.get(1)).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                    .withMessageContaining("the key store is locked");
            ProvenanceRecord third = futures.get(2).get(30, TimeUnit.SECONDS);
            assertThat(third.index()).isEqualTo(1);
            assertThat(third.entry()).isEqualTo(Fixtures.entry(2));
            assertThat(ledger.size()).isEqualTo(2);
            assertThat(ledger.verify()).isInstanceOf(LedgerVerification.Valid.class);
        }
    }

    @Test
    void aFailedTransactionFailsItsAppendsWithTheCauseAndLaterAppendsGoOnTheChain() throws Exception {
        Watched ds = new Watched();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).maxAttempts(2).open()) {
            ledger.append(Fixtures.entry(0));
            ds.down.set(true);
            CompletableFuture<ProvenanceRecord> lost = ledger.appendAsync(Fixtures.entry(1));
            assertThat(lost).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                    .withMessageContaining("connection refused");
            assertThatThrownBy(() -> ledger.append(Fixtures.entry(1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot append to ledger table");
            ds.down.set(false);

            ProvenanceRecord next = ledger.append(Fixtures.entry(2));

            assertThat(next.index()).isEqualTo(1);
            assertThat(ledger.verify()).isInstanceOf(LedgerVerification.Valid.class);
        }
    }

    @Test
    void closeWaitsForTheAppendsQueuedBeforeIt() throws Exception {
        Watched ds = new Watched();
        ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open();
        ds.gate = new CountDownLatch(1);
        List<CompletableFuture<ProvenanceRecord>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(ledger.appendAsync(Fixtures.entry(i)));
        }
        Thread opener = started(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ds.gate.countDown();
        });
        ledger.close();

        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        opener.join();
        try (ProvenanceLedger reopened = ProvenanceLedger.jdbc(ds.inner).open()) {
            assertThat(reopened.size()).isEqualTo(10);
        }
    }

    private static Thread started(Runnable task) {
        Thread t = new Thread(task);
        t.start();
        return t;
    }

    @Test
    void anEntryIsRequired() {
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(JdbcLedgerTest.h2Memory()).open()) {
            assertThatThrownBy(() -> ledger.appendAsync((ProvenanceEntry) null)).isInstanceOf(NullPointerException.class);
        }
    }
}
