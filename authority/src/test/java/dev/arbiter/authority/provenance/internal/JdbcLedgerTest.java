package dev.arbiter.authority.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.provenance.Ed25519Keys;
import dev.arbiter.authority.provenance.Fixtures;
import dev.arbiter.authority.provenance.LedgerDamagedException;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import dev.arbiter.authority.provenance.LedgerVerification.Reason;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.RecordSigner;
import dev.arbiter.authority.provenance.VerifyOptions;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcLedgerTest {

    static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    static DataSource h2Memory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    static int update(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    @Test
    void theTableIsCreatedOnFirstUseAndAReopenedLedgerContinuesTheChain() {
        DataSource ds = h2Memory();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            Fixtures.fill(ledger, 3);
        }
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            ProvenanceRecord fourth = ledger.append(Fixtures.entry(3));

            assertThat(fourth.index()).isEqualTo(3);
            assertThat(ledger.size()).isEqualTo(4);
            assertThat(ledger.verify()).isEqualTo(new LedgerVerification.Valid(4, fourth.head()));
        }
    }

    @Test
    void ledgersOpenedAtOnceOnFreshTablesAppendWhileOthersAreStillOpening() throws Exception {
        // an opener that looks for the head row before another creates it and appends, and counts the records
        // after, must see the head row on a second look instead of calling the table damaged
        DataSource ds = h2Memory();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 25; round++) {
                String table = "fresh_" + round;
                List<Future<ProvenanceRecord>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).table(table).open()) {
                            return ledger.append(Fixtures.entry(thread));
                        }
                    }));
                }
                for (Future<ProvenanceRecord> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
                try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).table(table).open()) {
                    assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                            v -> assertThat(v.count()).isEqualTo(8));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void appendedRecordsReadBackInOrder() {
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(h2Memory()).table("decisions").open()) {
            List<ProvenanceRecord> records = Fixtures.fill(ledger, 6);

            assertThat(ledger.read(0, 6)).isEqualTo(records);
            assertThat(ledger.read(2, 4)).containsExactly(records.get(2), records.get(3));
            assertThatThrownBy(() -> ledger.read(5, 7)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aReaderCreatesNothingAndNamesAMissingTable() {
        DataSource ds = h2Memory();

        assertThatThrownBy(() -> ProvenanceLedger.jdbc(ds).table("nothing_here").openReader())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no provenance ledger table 'nothing_here'");
        assertThatThrownBy(() -> ProvenanceLedger.jdbc(ds).table("nothing_here").openReader())
                .as("the first reader created no table").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTableNameMustBeAPlainIdentifier() {
        assertThatThrownBy(() -> ProvenanceLedger.jdbc(h2Memory()).table("x; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL identifier");
    }

    @Test
    void appendsFromEightThreadsFormOneChainInMemory() throws Exception {
        appendFromEightThreads(h2Memory());
    }

    @Test
    void appendsFromEightThreadsFormOneChainInAFileDatabase() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath());
        appendFromEightThreads(ds);
        assertThat(ProvenanceLedger.jdbc(ds).openReader().verify()).isInstanceOfSatisfying(
                LedgerVerification.Valid.class, v -> assertThat(v.count()).isEqualTo(160));
    }

    /**
     * Regression: with a connection per operation, H2 closed the embedded database whenever no connection was
     * open, and a connection opened while it was closing saw the file as it was before the last commits: verify()
     * then found an empty ledger (Valid, 0 records) after 160 acknowledged appends.
     */
    @org.junit.jupiter.api.RepeatedTest(8)
    void aReaderOfAnEmbeddedH2FileDatabaseSeesEveryAcknowledgedAppend() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger-" + System.nanoTime()).toAbsolutePath());
        appendFromEightThreads(ds);
    }

    private static void appendFromEightThreads(DataSource ds) throws Exception {
        Set<Long> indexes = ConcurrentHashMap.newKeySet();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        indexes.add(ledger.append(Fixtures.entry(thread * 20 + i)).index());
                    }
                }));
            }
            for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
            pool.shutdown();

            assertThat(indexes).hasSize(160);
            assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                    v -> assertThat(v.count()).isEqualTo(160));
        }
    }

    @Test
    void explainFindsARunAndAnArtifact() {
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(h2Memory()).open()) {
            List<ProvenanceRecord> records = Fixtures.fill(ledger, 8);

            assertThat(ledger.explain("run-2").records()).containsExactly(records.get(4), records.get(5));
            assertThat(ledger.explain(Fixtures.artifact(3)).records()).containsExactly(records.get(3));
            assertThat(ledger.explain("run-99").isEmpty()).isTrue();
        }
    }

    @Test
    void aRowWhoseRunIdColumnWasEditedIsChangedAndNoLongerExplainedByIt() throws SQLException {
        DataSource ds = h2Memory();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            Fixtures.fill(ledger, 5);
            update(ds, "UPDATE arbiter_provenance SET run_id = 'run-9' WHERE seq = 2");

            assertThat(ledger.verify()).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).isEqualTo(2);
                assertThat(b.reason()).isEqualTo(Reason.CHANGED);
                assertThat(b.message()).contains("row seq=2").contains("run_id column 'run-9'");
            });
            assertThat(ledger.explain("run-9").isEmpty()).isTrue();
        }
    }

    @Test
    void signedRowsVerifyWithThePublicKeyAndAForgedSignatureIsFound() throws SQLException {
        KeyPair keys = Ed25519Keys.generate();
        DataSource ds = h2Memory();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).signer(RecordSigner.ed25519(keys)).open()) {
            List<ProvenanceRecord> records = Fixtures.fill(ledger, 5);
            VerifyOptions withKey = VerifyOptions.defaults().withPublicKey(keys.getPublic());
            assertThat(ledger.verify(withKey).isValid()).isTrue();

            String line = records.get(1).canonicalLine();
            String sig = records.get(1).signature().orElseThrow();
            String forged = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
            update(ds, "UPDATE arbiter_provenance SET record = '" + line.replace(sig, forged).replace("'", "''")
                    + "' WHERE seq = 1");

            assertThat(ledger.verify().isValid()).isTrue();
            assertThat(ledger.verify(withKey)).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).isEqualTo(1);
                assertThat(b.reason()).isEqualTo(Reason.BAD_SIGNATURE);
            });
        }
    }

    @Test
    void aMissingHeadRowFailsTheOpenAndTheVerification() throws SQLException {
        DataSource ds = h2Memory();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            Fixtures.fill(ledger, 3);
        }
        update(ds, "DELETE FROM arbiter_provenance WHERE seq = -1");

        assertThatThrownBy(() -> ProvenanceLedger.jdbc(ds).open()).isInstanceOfSatisfying(LedgerDamagedException.class,
                e -> assertThat(e.getMessage()).contains("no head row"));
        assertThat(ProvenanceLedger.jdbc(ds).openReader().verify()).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.index()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo(Reason.REMOVED);
            assertThat(b.message()).contains("head row");
        });
    }

    @Test
    void removingTheNewestRowIsFoundThroughTheHeadRow() throws SQLException {
        DataSource ds = h2Memory();
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).open()) {
            Fixtures.fill(ledger, 4);
            update(ds, "DELETE FROM arbiter_provenance WHERE seq = 3");

            assertThat(ledger.verify()).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).isEqualTo(3);
                assertThat(b.reason()).isEqualTo(Reason.REMOVED);
            });
        }
    }
}
