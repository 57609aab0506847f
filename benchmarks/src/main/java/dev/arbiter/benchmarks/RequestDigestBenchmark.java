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
 * {@link #longRequestDigest} digests requests of figure 2's size, with few and with many characters to escape.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RequestDigestBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestDigestBenchmark {

    private static final String INPUT = "Invoice INV-4711 from Acme Ltd, total EUR 1,190.00 incl. VAT, due 2024-07-31.";

    /** Figure 1's requests: the composer's system text of {@code systemChars} characters, the record's schema. */
    @State(Scope.Benchmark)
    public static class Composer {
        @Param({"331", "2000"})
        public int systemChars;

        String system;
        ResponseSchema schema;

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
    }

    @Benchmark
    public String requestDigest(Composer c) {
        return GenerationRequest.builder().addMessage(Message.system(c.system)).addMessage(Message.user(INPUT))
                .responseSchema(c.schema).maxOutputTokens(800).build().digest();
    }

    /**
     * A request of figure 2's size: a user message of ~45,000 characters (a context and the request), non-Latin-1
     * like figure 2's (its standing instruction holds a {@code …}). {@code prose}: lines of about 70 characters, a
     * quoted word in every twenty; {@code json}: the same words as a JSON document quoted in the text, as a tool's
     * output is, a quote every few characters. The escapes (line ends, quotes) are what the two differ in.
     */
    @State(Scope.Benchmark)
    public static class LongContext {
        @Param({"prose", "json"})
        public String context;

        String system;
        String user;

        @Setup
        public void setUp() {
            java.util.Random random = new java.util.Random(3);
            String[] words = {"the", "invoice", "total", "amount", "customer", "payment", "due", "shipment", "order",
                "account", "report", "EUR", "2024-07-31", "and", "of", "to", "a", "in", "is", "credit"};
            StringBuilder b = new StringBuilder("Context \u2026 begins\n");
            while (b.length() < 45_000) {
                if (context.equals("json")) {
                    b.append("{\"field\":\"").append(words[random.nextInt(words.length)]).append("\",\"value\":")
                            .append(random.nextInt(10_000)).append(",\"note\":\"")
                            .append(words[random.nextInt(words.length)]).append("\"},\n");
                } else {
                    int line = 0;
                    while (line < 70) {
                        String w = words[random.nextInt(words.length)];
                        w = random.nextInt(20) == 0 ? "\"" + w + "\"" : w;
                        b.append(w).append(' ');
                        line += w.length() + 1;
                    }
                    b.append('\n');
                }
            }
            user = b.append("\n\nRequest:\nSummarise the context.").toString();
            system = BenchFixtures.CONTRACT.render();
        }
    }

    @Benchmark
    public String longRequestDigest(LongContext c) {
        return GenerationRequest.builder().addMessage(Message.system(c.system)).addMessage(Message.user(c.user))
                .maxOutputTokens(800).build().digest();
    }

    /**
     * A conversation of figure 2's size with {@value #TOOL_ROUNDS} tool rounds, every request's digest made (as a trace
     * listener that logs it, or a cassette, asks for it): each round adds the model's call and the tool's result.
     * {@code built}: {@code fromRequest} builds each round's request from the one before with {@code toBuilder()}, as
     * the attempt loop does, so its digest goes on from the state the earlier digest kept after the messages;
     * {@code anew} builds the same requests from a list of their messages, so each digest hashes the whole
     * conversation again (what every round cost before requests kept that state).
     */
    @State(Scope.Benchmark)
    public static class Conversation {
        @Param({"fromRequest", "anew"})
        public String built;
    }

    static final int TOOL_ROUNDS = 3;

    @Benchmark
    public String toolRoundDigests(LongContext c, Conversation v) {
        GenerationRequest request = GenerationRequest.builder().addMessage(Message.system(c.system))
                .addMessage(Message.user(c.user)).maxOutputTokens(800).build();
        String digests = request.digest();
        for (int round = 0; round < TOOL_ROUNDS; round++) {
            Message call = Message.assistant("", java.util.List.of(dev.arbiter.core.ToolCall.of("call_" + round,
                    "lookup_supplier", "{\"name\":\"Acme Ltd\"}")));
            Message result = Message.toolResult("call_" + round, "lookup_supplier",
                    "Acme Ltd, Borealis Street 1, supplier since 2019.");
            if (v.built.equals("anew")) {
                java.util.List<Message> messages = new java.util.ArrayList<>(request.messages());
                messages.add(call);
                messages.add(result);
                request = GenerationRequest.builder().messages(messages).maxOutputTokens(800).build();
            } else {
                request = request.toBuilder().addMessage(call).addMessage(result).build();
            }
            digests = request.digest();
        }
        return digests;
    }
}
