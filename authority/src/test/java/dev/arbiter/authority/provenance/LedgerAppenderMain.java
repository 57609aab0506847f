package dev.arbiter.authority.provenance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process for the ledger tests: appends to a file or JDBC ledger and prints {@code ack INDEX RUN_ID}
 * after every append that returned, so the parent knows exactly which appends were acknowledged before it
 * killed this process.
 *
 * <pre>
 * file PATH FSYNC_EACH|GROUP_COMMIT THREADS COUNT   (COUNT &lt; 0: until killed)
 * jdbc URL USER PASSWORD TABLE THREADS COUNT
 * lock PATH                                         (tries to open the file ledger for appending)
 * </pre>
 */
public final class LedgerAppenderMain {

    private LedgerAppenderMain() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "file" -> {
                try (FileLedger ledger = ProvenanceLedger.file(Path.of(args[1]))
                        .durability(FileLedgerBuilder.Durability.valueOf(args[2])).repairPartialLastLine(true).open()) {
                    ledger.repair().ifPresent(r -> say("repair " + r.offset() + " " + r.length()));
                    run(ledger, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                }
            }
            case "jdbc" -> {
                try (ProvenanceLedger ledger = ProvenanceLedger.jdbc(args[1], args[2], args[3]).table(args[4]).open()) {
                    run(ledger, Integer.parseInt(args[5]), Integer.parseInt(args[6]));
                }
            }
            case "lock" -> {
                try (FileLedger ledger = ProvenanceLedger.file(Path.of(args[1])).open()) {
                    say("opened " + ledger.size());
                } catch (IllegalStateException e) {
                    say("refused " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void run(ProvenanceLedger ledger, int threads, int count) throws InterruptedException {
        say("ready");
        long pid = ProcessHandle.current().pid();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                for (int i = 0; count < 0 || i < count; i++) {
                    String runId = "child-" + pid + "-" + thread + "-" + i;
                    ProvenanceRecord r = ledger.append(ProvenanceEntry.builder(runId, "append", Decision.ACCEPTED)
                            .note("x".repeat(i % 7 * 300)).build());
                    say("ack " + r.index() + " " + runId);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        say("done");
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
