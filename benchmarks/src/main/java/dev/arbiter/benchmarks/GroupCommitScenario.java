package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.FileLedger;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.internal.FileLedgerImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many appends share a force under group commit (issue #9, figure 4): {@code threads} threads each append
 * {@code appendsPerThread} records in a loop to a {@code GROUP_COMMIT} file ledger with the given
 * {@code groupCommitDelay}, three runs after 20,000 appends of warm-up; prints appends per second, forces, and appends
 * per force. Long runs of appends per thread, unlike {@link LedgerForceScenario}'s short blocks, show the groups a
 * steady load forms. With {@code inFlight} above 0, each thread appends through {@code appendAsync} instead, keeping
 * up to that many appends in flight, as many runs on a few threads do.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.GroupCommitScenario DIR [threads=16] [appendsPerThread=1000] [delayMicros=0] [inFlight=0]
 * </pre>
 */
public final class GroupCommitScenario {

    private GroupCommitScenario() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: GroupCommitScenario DIR [threads=16] [appendsPerThread=1000] [delayMicros=0] [inFlight=0]");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory(Path.of(args[0]), "arbiter-group");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int each = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        long delayMicros = args.length > 3 ? Long.parseLong(args[3]) : 0;
        int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        ProvenanceEntry entry = LedgerAppendBenchmark.entry("run-0001");
        Path file = dir.resolve("group.jsonl");
        try (FileLedger ledger = ProvenanceLedger.file(file).durability(FileLedgerBuilder.Durability.GROUP_COMMIT)
                .groupCommitDelay(Duration.ofNanos(delayMicros * 1_000)).open()) {
            for (int i = 0; i < 20_000; i++) {
                ledger.append(entry); // compiled before anything is measured
            }
            FileLedgerImpl impl = (FileLedgerImpl) ledger;
            for (int run = 1; run <= 3; run++) {
                long forcesBefore = impl.groupCommitForces();
                List<Thread> workers = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    Thread w = new Thread(() -> {
                        if (inFlight > 0) {
                            try {
                                LedgerForceScenario.inFlight(ledger, entry, each, inFlight);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return;
                        }
                        for (int i = 0; i < each; i++) {
                            ledger.append(entry);
                        }
                    });
                    w.start();
                    workers.add(w);
                }
                for (Thread w : workers) {
                    w.join();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long forces = impl.groupCommitForces() - forcesBefore;
                System.out.printf(Locale.ROOT, "run %d: %d threads x %d appends, delay %d us, %s: %,.0f appends/s, %,d"
                        + " forces, %.1f appends per force%n", run, threads, each, delayMicros,
                        inFlight > 0 ? "appendAsync with up to " + inFlight + " in flight per thread" : "append",
                        threads * each / seconds, forces,
                        threads * (double) each / forces);
            }
            LedgerVerification v = ledger.verify();
            System.out.println(ledger.size() + " records, " + (v.isValid() ? "chain valid" : "BROKEN " + v));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
