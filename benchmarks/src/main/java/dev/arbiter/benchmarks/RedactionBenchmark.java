package dev.arbiter.benchmarks;

import dev.arbiter.authority.provenance.Redactor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Redactor#standard()} on the free texts of figure 2's records (seventeenth round): a pipeline redacts every
 * record it appends, and a tool gateway every tool call's. {@code text}:
 * <ul>
 *   <li>{@code toolNote}: a tool call record's note, two SHA-256 hex digests (digits parted by letters);</li>
 *   <li>{@code permissionReason}: its permission's reason, a snake_case tool name and {@code policy@version};</li>
 *   <li>{@code acceptedNote}: the accepted record's note;</li>
 *   <li>{@code personalData}: a finding that quotes an e-mail address, a phone number and a card number, which the
 *       patterns must run on and replace;</li>
 *   <li>{@code tracedContext}: 45,000 characters of a context, as a trace listener that keeps content redacts a
 *       request: lines of words, dates and amounts, and in one line of forty an e-mail address and a phone number;</li>
 *   <li>{@code tracedContextCodes}: the same with hyphenated words ending in {@code k} ({@code check-in}) and codes of
 *       two capitals and two digits ({@code AB12}), which the gates of the API-key and IBAN patterns let through.</li>
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RedactionBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedactionBenchmark {

    @Param({"toolNote", "permissionReason", "acceptedNote", "personalData", "tracedContext", "tracedContextCodes"})
    public String text;

    private static final Redactor STANDARD = Redactor.standard();

    private String value() {
        return switch (text) {
            case "toolNote" -> "call call-1; arguments sha256 72ab53ed28cef1b7a5dd6af7c648b73407fa8a2f82c0bf2f8a5fd7382d6859"
                    + "1c; result sha256 abbadb461d2e614fb1051aa32eb46ef6a5ae67032cd39ed2713c82e824b65d48";
            case "permissionReason" -> "granted READ call to 'lookup_supplier' [policy bench@1]";
            case "acceptedNote" -> "accepted on attempt 1";
            case "personalData" -> "$.contact: expected the supplier's office, found 'Jane Doe <jane.doe@example.com>, "
                    + "+49 30 1234 5678, card 4111 1111 1111 1111'";
            case "tracedContext" -> tracedContext(false);
            case "tracedContextCodes" -> tracedContext(true);
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String tracedContext(boolean codes) {
        java.util.Random random = new java.util.Random(3);
        String[] words = codes
                ? new String[] {"the", "invoice", "total", "check-in", "customer", "payment", "due", "desk-top",
                    "order", "account", "ref AB12", "EUR", "2024-07-31", "and", "of", "to", "a", "in", "is", "credit",
                    "1,190.00"}
                : new String[] {"the", "invoice", "total", "amount", "customer", "payment", "due", "shipment", "order",
                    "account", "report", "EUR", "2024-07-31", "and", "of", "to", "a", "in", "is", "credit", "1,190.00"};
        StringBuilder b = new StringBuilder();
        while (b.length() < 45_000) {
            for (int i = 0; i < 12; i++) {
                b.append(words[random.nextInt(words.length)]).append(' ');
            }
            if (random.nextInt(40) == 0) {
                b.append("contact jane.doe@example.com or +49 30 1234 5678 ");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private String value = "";

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        value = value();
    }

    @Benchmark
    public String redact() {
        return STANDARD.redact(value);
    }
}
