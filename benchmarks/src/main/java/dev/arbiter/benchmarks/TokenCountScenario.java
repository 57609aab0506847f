package dev.arbiter.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.internal.JtokkitTokenCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Arbiter's o200k counter on texts it has <em>not</em> seen, against jtokkit (issue #9, figure 3). Each round takes
 * a new counter with an empty table ({@link JtokkitTokenCounter#unshared}), teaches it the file's first
 * {@code taught} texts, then counts the next {@code measured} texts once each, interleaved text by text with
 * jtokkit counting the same text. No counter counts a measured text twice: the table knows the corpus's vocabulary,
 * not the texts. Rounds take the texts after the taught ones in turn, and start again at the first of them when the
 * file runs out (a round's counter is new, so its texts are still unseen by it). The first half of the rounds warm
 * up the JIT; the second half is summed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.arbiter.benchmarks.TokenCountScenario texts.jsonl[.gz] [taught=200] [measured=20] [rounds=60] [min-chars=200]
 * </pre>
 */
public final class TokenCountScenario {

    private TokenCountScenario() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: TokenCountScenario texts.jsonl[.gz] [taught=200] [measured=20] [rounds=60]"
                    + " [min-chars=200]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int taught = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int minChars = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        List<String> texts = new ArrayList<>();
        for (ContextItem item : BenchFixtures.itemsFrom(file, taught + measured * rounds, minChars,
                taught + measured)) {
            texts.add(item.content());
        }
        List<String> teach = texts.subList(0, taught);
        List<String> rest = texts.subList(taught, texts.size());
        Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        long jtokkitNanos = 0;
        long arbiterNanos = 0;
        long chars = 0;
        long sink = 0;
        int next = 0;
        for (int r = 0; r < rounds; r++) {
            JtokkitTokenCounter counter = JtokkitTokenCounter.unshared(EncodingType.O200K_BASE);
            for (String text : teach) {
                sink += counter.count(text);
            }
            for (int k = 0; k < measured; k++) {
                String text = rest.get(next);
                next = (next + 1) % rest.size();
                long t0 = System.nanoTime();
                int expected = o200k.countTokensOrdinary(text);
                long t1 = System.nanoTime();
                int actual = counter.count(text);
                long t2 = System.nanoTime();
                if (actual != expected) {
                    throw new IllegalStateException("count " + actual + ", jtokkit " + expected + " for " + text);
                }
                if (r >= rounds / 2) {
                    jtokkitNanos += t1 - t0;
                    arbiterNanos += t2 - t1;
                    chars += text.length();
                }
                sink += actual;
            }
        }
        System.out.printf(Locale.ROOT, "token count scenario: %s, %d texts taught, %d unseen texts per round, %d rounds"
                + " (%d measured), %d distinct unseen texts, %,d chars measured%n", file, taught, measured, rounds,
                rounds - rounds / 2, rest.size(), chars);
        System.out.printf(Locale.ROOT, "jtokkit %,d us, arbiter %,d us: arbiter / jtokkit %.2f (%d)%n",
                jtokkitNanos / 1_000, arbiterNanos / 1_000, arbiterNanos / (double) jtokkitNanos, sink % 10);
    }
}
