package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RuleStartsTest {

    private static final List<String> WORDS = List.of("send", "transfer", "wire", "forward", "email", "e-mail",
            "upload", "post", "leak", "exfiltrate", "share", "transmit", "remit", "ai", "a", "assistant", "agent", "hi",
            "hello");

    /**
     * {@code Literals.at} on a view answers as {@code startsWith} of each literal did, and on an ASCII text as on
     * the text lower-cased.
     */
    @Test
    void literalsAnswerAsStartsWithOnTheLowerCasedText() {
        RuleStarts.Literals literals = new RuleStarts.Literals(WORDS);
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "aAeEsSnNdDtTrRiIwW-lL .\n\u00E9\u212A_0";
        int found = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(14);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(3) == 0) {
                    String w = WORDS.get(random.nextInt(WORDS.size()));
                    sb.append(random.nextBoolean() ? w : w.toUpperCase(Locale.ROOT));
                } else {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            boolean ascii = text.chars().allMatch(c -> c < 0x80);
            String lower = text.toLowerCase(Locale.ROOT);
            for (int i = -1; i <= text.length() + 1; i++) {
                final int at = i;
                boolean onLower = i >= 0 && WORDS.stream().anyMatch(w -> lower.startsWith(w, at));
                if (ascii) {
                    assertThat(literals.at(text, i)).as("%s at %d", text, i).isEqualTo(onLower);
                }
                boolean onView = i >= 0 && WORDS.stream().anyMatch(w -> lower.startsWith(w, at));
                assertThat(literals.at(lower, i)).as("%s at %d", lower, i).isEqualTo(onView);
                found += onLower ? 1 : 0;
            }
        }
        assertThat(found).isGreaterThan(10_000);
    }
}
