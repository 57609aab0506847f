package dev.arbiter.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The digest of a string, taken without Jackson, equals the digest of the tree Jackson makes of it. */
class JsonDigestTest {

    @Test
    void aStringsDigestEqualsTheDigestOfItsTree() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(4) == 0 ? random.nextInt(3_000) : random.nextInt(40);
            StringBuilder b = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                int kind = random.nextInt(6);
                b.append((char) (kind == 0 ? random.nextInt(0x10000)
                        : kind == 1 ? random.nextInt(0x20) : kind == 2 ? 0xD800 + random.nextInt(0x800)
                        : 0x20 + random.nextInt(0x60)));
            }
            String s = b.toString();
            assertThat(Json.digest(s)).as("string %d", i).isEqualTo(Json.digestThroughTree(s));
        }
        for (String s : new String[] {"", "\"", "\\", "\u2028", "{\"a\":1}", "\ud83d\ude00", "\ud800"}) {
            assertThat(Json.digest(s)).isEqualTo(Json.digestThroughTree(s));
        }
    }

    @Test
    void theLastStringKeptPerThreadNeverAnswersForAnotherString() {
        SplittableRandom random = new SplittableRandom(12);
        String[] pool = new String[8];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = "input " + i;
        }
        for (int i = 0; i < 20_000; i++) {
            int k = random.nextInt(pool.length);
            // the same instance, an equal copy, or a new value in its place
            String s = random.nextInt(3) == 0 ? new String(pool[k]) : pool[k];
            if (random.nextInt(50) == 0) {
                pool[k] = "input " + i;
            }
            assertThat(Json.digest(s)).isEqualTo(Json.digestThroughTree(s));
            assertThat(Json.digest(s)).isEqualTo(Json.digestThroughTree(s));
        }
    }
}
