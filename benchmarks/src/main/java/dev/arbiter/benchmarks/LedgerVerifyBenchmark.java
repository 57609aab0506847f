package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.LedgerReader;
import dev.arbiter.authority.provenance.LedgerVerification;
import dev.arbiter.authority.provenance.ProvenanceEntry;
import dev.arbiter.authority.provenance.ProvenanceLedger;
import dev.arbiter.authority.provenance.ProvenanceRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * {@code verify()} of a ledger of 100,000 records (issue #9, figure 4): the in-memory store, and the JSONL file read
 * back by {@code openReader()} (the file is written once in the setup from sealed records, the same bytes the file
 * store appends, since 100,000 forced appends would take minutes). The entry is the one of
 * {@link LedgerAppendBenchmark}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LedgerVerifyBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class LedgerVerifyBenchmark {

    @Param({"100000"})
    public int records;

    private ProvenanceLedger memory;
    private Path file;
    private LedgerReader fileReader;

    @Setup
    public void setUp() throws IOException {
        memory = ProvenanceLedger.inMemory();
        file = Files.createTempFile("arbiter-verify-bench", ".jsonl");
        String prev = "0".repeat(64);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                ProvenanceEntry entry = LedgerAppendBenchmark.entry("run-" + i);
                memory.append(entry);
                ProvenanceRecord r = ProvenanceRecord.seal(i, prev, entry, null);
                out.write(r.canonicalLine());
                out.write('\n');
                prev = r.hash();
            }
        }
        fileReader = ProvenanceLedger.file(file).openReader();
        check(memory.verify());
        check(fileReader.verify());
    }

    private void check(LedgerVerification v) {
        if (!(v instanceof LedgerVerification.Valid valid) || valid.count() != records) {
            throw new IllegalStateException("expected a valid chain of " + records + " records, got " + v);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        fileReader.close();
        memory.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public LedgerVerification memory() {
        return memory.verify();
    }

    @Benchmark
    public LedgerVerification file() {
        return fileReader.verify();
    }
}
