package dev.arbiter.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalJson#sha256Hex} (the canonical form written straight into the digest) against the definition:
 * the SHA-256 of the UTF-8 bytes of {@link CanonicalJson#write}.
 */
class CanonicalSinkTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static String viaText(JsonNode value) {
        return Digests.sha256Hex(CanonicalJson.write(value));
    }

    private static void assertSameDigest(JsonNode value) {
        assertThat(CanonicalJson.sha256Hex(value)).as("%s", value).isEqualTo(viaText(value));
    }

    @Test
    void everyUtf16CodeUnitAloneAsValueAndAsMemberName() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = String.valueOf((char) c);
            ObjectNode o = F.objectNode().put(s, s);
            o.put("x" + s + "y", "a" + s + "b");
            assertSameDigest(o);
        }
    }

    @Test
    void everyUtf16CodeUnitInOneLongString() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        assertSameDigest(F.textNode(all.toString()));
        assertSameDigest(F.textNode(all.reverse().toString()));
    }

    @Test
    void surrogatePairsAndLoneSurrogatesEverywhere() {
        String pair = "\uD83E\uDDFE";
        String[] parts = {pair, "\uD83E", "\uDDFE", "\uDDFE\uD83E", "a", "\u00e9", "\u20ac", "\"", "\\", "\n", "\u0001"};
        Random random = new Random(11);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                b.append(parts[random.nextInt(parts.length)]);
            }
            assertSameDigest(F.textNode(b.toString()));
        }
        assertSameDigest(F.textNode("\uD83E"));
        assertSameDigest(F.textNode("ab\uD83E"));
        assertSameDigest(F.textNode("\uDDFEab"));
    }

    @Test
    void pairsAndEscapesAtEveryPositionAroundTheLongStringThresholdWordsAndBuffer() {
        String[] fillers = {"a", "\u00e9", "\u20ac", "\n", "\u0000", "\uD83E\uDDFE"};
        String[] probes = {"\uD83E\uDDFE", "\uD83E", "\uDDFE", "\u0001", "\u001F", "\"", "\\", "\u007F", "\u0080",
            "\u07FF", "\u0800", "\uFFFF"};
        int threshold = CanonicalSink.LONG_STRING_CHARS;
        int chunk = CanonicalSink.ENCODE_CHARS;
        for (String filler : fillers) {
            for (String probe : probes) {
                for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, threshold - 2, threshold - 1, threshold,
                        threshold + 1, chunk - 2, chunk - 1, chunk, chunk + 1, 2 * chunk, 2_048, 2_049, 3 * chunk + 1,
                        8_193}) {
                    for (int at = 0; at <= length; at = at < 17 || at >= length - 17 ? at + 1 : length - 17) {
                        String text = filler.repeat(at) + probe + filler.repeat(length - at);
                        assertSameDigest(F.textNode(text));
                        assertThat(Digests.sha256Hex(text)).isEqualTo(Digests.sha256Hex(text.getBytes(UTF_8)));
                    }
                }
            }
        }
    }

    @Test
    void escapesBetweenRunsOfEveryLengthAroundTheBuffer() {
        // plain runs from none to several buffers long between escapes, in Latin-1 and UTF-16 strings, alone and
        // after other members (the buffer part filled): runs are copied into the buffer or hashed in place
        Random random = new Random(2026);
        String[] escapes = {"\n", "\"", "\\", "\u0001", "\t"};
        for (int n = 0; n < 400; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(8);
            for (int p = 0; p < parts; p++) {
                int run = random.nextInt(4) == 0 ? random.nextInt(5_000) : random.nextInt(300);
                for (int i = 0; i < run; i++) {
                    sb.append((char) ('a' + random.nextInt(26)));
                }
                sb.append(escapes[random.nextInt(escapes.length)]);
            }
            if (n % 2 == 1) {
                sb.insert(random.nextInt(sb.length() + 1), '\u2026');
            }
            String text = sb.toString();
            assertSameDigest(F.textNode(text));
            ObjectNode node = F.objectNode().put("before", "x".repeat(random.nextInt(2_100))).put("text", text);
            assertSameDigest(node);
        }
    }

    @Test
    void longRandomStringsHashedAsTheirUtf8Bytes() {
        Random random = new Random(17);
        for (int n = 0; n < 300; n++) {
            String text = randomString(random, 6_000);
            assertThat(Digests.sha256Hex(text)).isEqualTo(Digests.sha256Hex(text.getBytes(UTF_8)));
            assertSameDigest(F.textNode(text));
        }
    }

    @Test
    void randomTreesWithNumbersOfEveryKind() {
        Random random = new Random(42);
        for (int n = 0; n < 3_000; n++) {
            assertSameDigest(randomNode(random, 0));
        }
    }

    @Test
    void aTreeLongerThanTheBuffer() {
        Random random = new Random(5);
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < 3_000; i++) {
            a.add(randomNode(random, 2));
        }
        assertSameDigest(a);
    }

    @Test
    void nodesWithoutAJsonFormFailAsTheTextPathFails() {
        JsonNode pojo = F.pojoNode(new Object());
        assertThatThrownBy(() -> CanonicalJson.sha256Hex(F.arrayNode().add(pojo)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POJO");
        assertThatThrownBy(() -> CanonicalJson.sha256Hex(F.numberNode(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        // the thread's sink is usable again after a failure
        assertSameDigest(F.objectNode().put("a", 1));
    }

    @Test
    void aKnownDigest() {
        // SHA-256 of the 7 bytes {"a":1}
        assertThat(CanonicalJson.sha256Hex(F.objectNode().put("a", 1)))
                .isEqualTo(Digests.sha256Hex("{\"a\":1}"))
                .isEqualTo("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
    }

    static JsonNode randomNode(Random random, int depth) {
        int kind = depth > 4 ? 2 + random.nextInt(5) : random.nextInt(7);
        switch (kind) {
            case 0 -> {
                ObjectNode o = F.objectNode();
                int members = random.nextInt(6);
                for (int i = 0; i < members; i++) {
                    o.set(randomString(random, 8), randomNode(random, depth + 1));
                }
                return o;
            }
            case 1 -> {
                ArrayNode a = F.arrayNode();
                int elements = random.nextInt(6);
                for (int i = 0; i < elements; i++) {
                    a.add(randomNode(random, depth + 1));
                }
                return a;
            }
            case 2 -> {
                return F.textNode(randomString(random, random.nextInt(10) == 0 ? 3_000 : 30));
            }
            case 3 -> {
                return randomNumber(random);
            }
            case 4 -> {
                return F.booleanNode(random.nextBoolean());
            }
            case 5 -> {
                return F.nullNode();
            }
            default -> {
                return randomNumber(random);
            }
        }
    }

    static JsonNode randomNumber(Random random) {
        switch (random.nextInt(8)) {
            case 0 -> {
                return F.numberNode(random.nextInt());
            }
            case 1 -> {
                return F.numberNode(random.nextLong());
            }
            case 2 -> {
                return F.numberNode(new BigInteger(200, random).negate());
            }
            case 3 -> {
                return F.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            }
            case 4 -> {
                return F.numberNode(new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(300) - 150));
            }
            case 5 -> {
                return F.numberNode(new BigDecimal("1.2300"));
            }
            case 6 -> {
                return F.numberNode((float) random.nextGaussian());
            }
            default -> {
                return F.numberNode(-0.0);
            }
        }
    }

    /** A string of ASCII, escapes, Latin-1, BMP, pairs and lone surrogates. */
    static String randomString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0 -> b.append((char) random.nextInt(0x20));
                case 1 -> b.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> b.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> b.append((char) (0x800 + random.nextInt(0xD000)));
                case 4 -> b.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 5 -> b.append((char) (0xD800 + random.nextInt(0x800)));
                case 6 -> b.append((char) (0xE000 + random.nextInt(0x2000)));
                default -> b.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return b.toString();
    }
}
