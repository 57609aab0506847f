package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.LedgerVerification.Broken;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The JDBC ledger on a real PostgreSQL (embedded: the server binaries come from a jar, nothing is downloaded):
 * appends from eight threads and a second JVM at the same time keep one chain, and the tamper cases are found as
 * on H2. Set {@code -Darbiter.soak=true} for a longer concurrent run.
 */
class JdbcLedgerPostgresTest {

    static EmbeddedPostgres postgres;
    static DataSource ds;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        ds = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void appendsFromEightThreadsAndASecondJvmKeepOneValidChain() throws Exception {
        concurrentAppends("concurrent", 40, 120);
    }

    @Test
    @EnabledIfSystemProperty(named = "arbiter.soak", matches = "true")
    void manyAppendsFromEightThreadsAndASecondJvmKeepOneValidChain() throws Exception {
        concurrentAppends("soak", 500, 2000);
    }

    private void concurrentAppends(String table, int perThread, int fromChild) throws Exception {
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).table(table).open()) {
            Map<Long, String> appended = new ConcurrentHashMap<>();
            List<String> childOut;
            try (ChildJvm child = ChildJvm.start("jdbc", postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres", "postgres", table, "1", String.valueOf(fromChild))) {
                child.awaitLine("ready", 60_000);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            ProvenanceRecord r = ledger.append(Fixtures.entry(thread * perThread + i));
                            assertThat(appended.put(r.index(), r.entry().runId())).isNull();
                        }
                    }));
                }
                for (Future<?> f : futures) f.get(300, TimeUnit.SECONDS);
                pool.shutdown();
                childOut = child.finish(300);
            }
            Map<Long, String> expected = new HashMap<>(appended);
            childOut.stream().filter(l -> l.startsWith("ack ")).map(l -> l.split(" "))
                    .forEach(p -> assertThat(expected.put(Long.parseLong(p[1]), p[2])).as("index %s twice", p[1]).isNull());
            long total = 8L * perThread + fromChild;

            assertThat(expected).hasSize((int) total);
            assertThat(ledger.verify()).isInstanceOfSatisfying(LedgerVerification.Valid.class,
                    v -> assertThat(v.count()).isEqualTo(total));
            List<ProvenanceRecord> all = ledger.read(0, total);
            for (ProvenanceRecord r : all) {
                assertThat(r.entry().runId()).as("record %d", r.index()).isEqualTo(expected.get(r.index()));
            }
        }
    }

    /** Every kind of tampering found at the first, second, middle and last places (all places: H2 and soak). */
    @Test
    void tamperingIsFoundOnPostgres() throws Exception {
        tamper("tampered", Set.of(0, 1, 10, 18, 19, 20));
    }

    @Test
    @EnabledIfSystemProperty(named = "arbiter.soak", matches = "true")
    void everySingleRecordTamperingIsFoundOnPostgres() throws Exception {
        tamper("tampered_all", null);
    }

    private void tamper(String table, @Nullable Set<Integer> places) throws Exception {
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).table(table).open()) {
            Fixtures.fill(ledger, 20);
        }
        List<String> lines = JdbcTables.records(ds, table);
        List<TamperCases.Case> cases = TamperCases.all(lines).stream()
                .filter(c -> places == null || places.contains((int) c.index())).toList();
        for (TamperCases.Case c : cases) {
            JdbcTables.rewrite(ds, table, c.lines(), lines);

            LedgerVerification v = ProvenanceLedger.jdbc(ds).table(table).openReader().verify();

            assertThat(v).as(c.name()).isInstanceOfSatisfying(Broken.class, b -> {
                assertThat(b.index()).as(c.name() + ": " + b.message()).isEqualTo(c.index());
                assertThat(b.reason()).as(c.name() + ": " + b.message()).isEqualTo(c.reason());
            });
        }
        JdbcTables.rewrite(ds, table, lines, lines);
        assertThat(ProvenanceLedger.jdbc(ds).table(table).openReader().verify().isValid()).isTrue();
        assertThat(cases).hasSizeGreaterThan(places == null ? 100 : 30);
    }

    @Test
    void explainFindsARunAndAnArtifactOnPostgres() {
        try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(ds).table("explained").open()) {
            List<ProvenanceRecord> records = Fixtures.fill(ledger, 8);

            assertThat(ledger.explain("run-1").records()).containsExactly(records.get(2), records.get(3));
            assertThat(ledger.explain(Fixtures.artifact(6)).records()).containsExactly(records.get(6));
        }
    }

    @Test
    void ledgersOpenedAtOnceOnAFreshTableShareOneSchemaAndOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ProvenanceRecord>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> ProvenanceLedger.jdbc(ds).table("fresh").open().append(Fixtures.entry(thread))));
        }
        for (Future<ProvenanceRecord> f : futures) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(ProvenanceLedger.jdbc(ds).table("fresh").openReader().verify())
                .isInstanceOfSatisfying(LedgerVerification.Valid.class, v -> assertThat(v.count()).isEqualTo(4));
    }
}
