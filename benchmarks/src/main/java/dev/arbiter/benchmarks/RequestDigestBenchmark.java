package dev.arbiter.benchmarks;

import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.steering.constraint.JsonSchemas;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request digest of figure 1's requests (issue #9, fifteenth round): a new {@link GenerationRequest} per call, as
 * a composer makes one per generation, with the composer's system text (the same instance every time), the user's
 * request and the record's schema, and its {@link GenerationRequest#digest()}. {@code systemChars} sets the length of
 * the system text: 331 is what figure 1's composer sends; longer ones stand for contracts with more rules.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RequestDigestBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestDigestBenchmark {

    @Param({"331", "2000"})
    public int systemChars;

    private String system;
    private ResponseSchema schema;
    private static final String INPUT = "Invoice INV-4711 from Acme Ltd, total EUR 1,190.00 incl. VAT, due 2024-07-31.";

    @Setup
    public void setUp() {
        String rendered = BenchFixtures.CONTRACT.render() + "\n";
        StringBuilder b = new StringBuilder(systemChars);
        while (b.length() < systemChars) {
            b.append(rendered);
        }
        system = b.substring(0, systemChars);
        schema = JsonSchemas.forType(BenchFixtures.Invoice.class);
    }

    @Benchmark
    public String requestDigest() {
        return GenerationRequest.builder().addMessage(Message.system(system)).addMessage(Message.user(INPUT))
                .responseSchema(schema).maxOutputTokens(800).build().digest();
    }
}
