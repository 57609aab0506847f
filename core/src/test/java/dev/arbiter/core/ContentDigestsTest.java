package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SHA-256 of contents seen before, found by comparing contents ({@link Digests#contentSha256Hex}): always exactly
 * the content's SHA-256.
 */
class ContentDigestsTest {

    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> b.append((char) (0x80 + random.nextInt(0x3000)));
                case 1 -> b.append((char) (0xD800 + random.nextInt(0x800))); // surrogates, paired or not
                case 2 -> b.append("\"\\\n\t".charAt(random.nextInt(4)));
                default -> b.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return b.toString();
    }

    @Test
    void aContentSeenBeforeAsAnotherStringIsFoundAndItsDigestIsItsSha256() {
        ContentDigests digests = new ContentDigests(1_000_000, 1_000_000);
        Random random = new Random(5);
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            contents.add(text(random, random.nextInt(3_000)));
        }
        for (int round = 0; round < 3; round++) {
            for (String c : contents) {
                String copy = new String(c.toCharArray());
                assertThat(digests.digest(copy, Digests::sha256Hex)).isEqualTo(Digests.sha256Hex(c));
            }
        }
        assertThat(digests.size()).as("each distinct content kept once").isEqualTo((int) contents.stream()
                .distinct().count());
    }

    @Test
    void contentsThatShareLengthAndSampledCharactersAreToldApartByTheirWholeText() {
        // the same length and the same sampled characters, one character apart between samples: one bin of the
        // table, which grows into a tree; every digest must still be the content's own
        ContentDigests digests = new ContentDigests(16 * 2_000_000L, 1_000_000); // one stripe holds them all
        String template = "x".repeat(10_000);
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            char[] cs = template.toCharArray();
            cs[5_001 + (i % 7)] = (char) ('a' + i / 7 % 26);
            cs[5_020] = (char) ('A' + i % 26);
            contents.add(new String(cs));
        }
        for (int round = 0; round < 2; round++) {
            for (String c : contents) {
                assertThat(digests.digest(new String(c.toCharArray()), Digests::sha256Hex)).isEqualTo(Digests.sha256Hex(c));
            }
        }
        assertThat(digests.size()).isEqualTo((int) contents.stream().distinct().count());
    }

    @Test
    void theLeastRecentlyUsedContentsOfAStripeGoOnceItsShareIsFullAndALongerContentIsNotKept() {
        ContentDigests digests = new ContentDigests(16 * 3_000, 1_000_000); // 3,000 characters per stripe
        List<String> sameStripe = new ArrayList<>();
        for (int i = 0; sameStripe.size() < 4; i++) {
            String c = Integer.toString(i).repeat(1_000).substring(0, 1_000);
            if (ContentDigests.stripeOf(c) == 0) {
                sameStripe.add(c);
            }
        }
        String a = sameStripe.get(0);
        digests.digest(a, Digests::sha256Hex);
        digests.digest(sameStripe.get(1), Digests::sha256Hex);
        digests.digest(sameStripe.get(2), Digests::sha256Hex);
        assertThat(digests.chars()).isEqualTo(3_000);
        digests.digest(a, Digests::sha256Hex); // used again: the second is now the eldest
        digests.digest(sameStripe.get(3), Digests::sha256Hex);
        assertThat(digests.chars()).isEqualTo(3_000);
        assertThat(digests.find(a)).as("used lately: kept").isEqualTo(Digests.sha256Hex(a));
        assertThat(digests.find(sameStripe.get(1))).as("the least recently used: evicted").isNull();

        String longer = "e".repeat(3_001);
        assertThat(digests.digest(longer, Digests::sha256Hex)).isEqualTo(Digests.sha256Hex(longer));
        assertThat(digests.find(longer)).as("longer than a stripe's share: hashed, not kept").isNull();
        for (int i = 0; i < 300; i++) {
            digests.digest("content " + i + " ".repeat(900), Digests::sha256Hex);
        }
        assertThat(digests.chars()).isLessThanOrEqualTo(16 * 3_000);
    }

    @Test
    void contentSha256HexIsTheContentsSha256ForShortLongAndRepeatedContents() {
        Random random = new Random(3);
        List<String> contents = new ArrayList<>();
        for (int length : new int[] {0, 1, Digests.CONTENT_MIN_CHARS - 1, Digests.CONTENT_MIN_CHARS,
            Digests.MEMO_MIN_CHARS - 1, Digests.MEMO_MIN_CHARS, 5_000, Digests.CONTENT_MAX_CHARS + 1}) {
            contents.add(text(random, length));
        }
        for (int round = 0; round < 3; round++) {
            for (String c : contents) {
                assertThat(Digests.contentSha256Hex(c)).isEqualTo(Digests.sha256Hex(c.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(Digests.contentSha256Hex(new String(c.toCharArray()))).isEqualTo(Digests.sha256Hex(c));
            }
        }
        Source s = Source.of("doc", contents.get(6), Trust.UNTRUSTED);
        assertThat(s.digest()).isEqualTo(Digests.sha256Hex(contents.get(6)));
        assertThatThrownBy(() -> new Source("doc", "", new String(contents.get(6).toCharArray()), Trust.UNTRUSTED,
                Digests.sha256Hex(contents.get(5)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match its content");
    }

    @Test
    void aBudgetOfNothingKeepsNothingAndANegativeOneIsRefused() {
        ContentDigests none = new ContentDigests(0, 1_000_000);
        assertThat(none.digest("abc", Digests::sha256Hex)).isEqualTo(Digests.sha256Hex("abc"));
        assertThat(none.size()).isZero();
        assertThatThrownBy(() -> new ContentDigests(-1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("character budgets must not be negative, were -1 and 10");
    }

    @Test
    void threadsSharingTheTableGetEachContentsOwnDigest() throws Exception {
        ContentDigests digests = new ContentDigests(40_000, 1_000_000); // less than the contents: evictions race
        Random random = new Random(11);
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            contents.add(text(random, 200 + random.nextInt(1_500)));
        }
        List<String> expected = contents.stream().map(Digests::sha256Hex).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                checked.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int n = 0; n < 5_000; n++) {
                        int i = r.nextInt(contents.size());
                        assertThat(digests.digest(new String(contents.get(i).toCharArray()), Digests::sha256Hex))
                                .isEqualTo(expected.get(i));
                    }
                    return 5_000;
                }));
            }
            for (Future<Integer> f : checked) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(5_000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(digests.chars()).isLessThanOrEqualTo(40_000);
    }
}
