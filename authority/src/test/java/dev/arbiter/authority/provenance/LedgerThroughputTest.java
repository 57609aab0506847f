package dev.arbiter.authority.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.provenance.internal.FileLedgerImpl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures append throughput of the file ledger in both durability modes and the speed of verify(); prints the
 * figures docs/provenance.md quotes. Runs only with {@code -Darbiter.soak=true}:
 * {@code ./mvnw -B -o -pl authority -am verify -Dtest=LedgerThroughputTest -Dsurefire.failIfNoSpecifiedTests=false -Darbiter.soak=true}
 */
@EnabledIfSystemProperty(named = "arbiter.soak", matches = "true")
class LedgerThroughputTest {

    @TempDir
    Path dir;

    @Test
    void fileLedgerAppendAndVerifyThroughput() throws Exception {
        appends("warm-up", FileLedgerBuilder.Durability.GROUP_COMMIT, 4, 200);
        appends("fsync each, 1 thread", FileLedgerBuilder.Durability.FSYNC_EACH, 1, 1000);
        appends("fsync each, 8 threads", FileLedgerBuilder.Durability.FSYNC_EACH, 8, 250);
        appends("group commit, 1 thread", FileLedgerBuilder.Durability.GROUP_COMMIT, 1, 1000);
        appends("group commit, 8 threads", FileLedgerBuilder.Durability.GROUP_COMMIT, 8, 250);

        Path file = dir.resolve("verify.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).durability(FileLedgerBuilder.Durability.GROUP_COMMIT).open()) {
            Fixtures.fill(ledger, 20_000);
        }
        LedgerReader reader = ProvenanceLedger.file(file).openReader();
        reader.verify();
        long start = System.nanoTime();
        LedgerVerification v = reader.verify();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(v.isValid()).isTrue();
        System.out.printf("verify: 20000 records in %.2f s = %.0f records/s%n", seconds, 20_000 / seconds);
    }

    private void appends(String label, FileLedgerBuilder.Durability durability, int threads, int perThread) throws Exception {
        Path file = dir.resolve(label.replaceAll("\\W+", "-") + ".jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).durability(durability).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) ledger.append(Fixtures.entry(thread * perThread + i));
                }));
            }
            for (Future<?> f : futures) f.get(600, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            int n = threads * perThread;
            long forces = ((FileLedgerImpl) ledger).groupCommitForces();
            System.out.printf("%-24s %6d appends in %6.2f s = %7.0f appends/s%s%n", label, n, seconds, n / seconds,
                    durability == FileLedgerBuilder.Durability.GROUP_COMMIT ? String.format(" (%d forces, %.1f appends per force)",
                            forces, (double) n / forces) : " (" + n + " forces)");
            assertThat(ledger.verify().isValid()).isTrue();
        }
    }
}
