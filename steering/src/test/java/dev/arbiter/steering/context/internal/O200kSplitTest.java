package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link O200kSplit} against the split expression jtokkit compiles for o200k_base, and the counter that sums
 * remembered pieces against jtokkit's own count: on real corpora, on every code point of the basic plane (and a
 * sample of the others) in every position the alternatives distinguish, and on random mixtures of the classes.
 */
class O200kSplitTest {

    private static Pattern regex;
    /** The shared corpora's texts, read once for every test. */
    private static List<String> corpora;

    @BeforeAll
    static void jtokkitsPatternAndTheCorpora() throws ReflectiveOperationException, IOException {
        corpora = readCorpora();
        Class<?> encoding = Class.forName("com.knuddels.jtokkit.GptBytePairEncoding");
        Field field = encoding.getDeclaredField("pattern");
        field.setAccessible(true);
        regex = (Pattern) field.get(JtokkitTokenCounter.O200K_BASE.encoding());
        // The scan is written for these flags: Unicode classes (\s is White_Space) and Unicode case folding.
        assertThat(regex.flags()).isEqualTo(Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE);
        assertThat(regex.pattern()).startsWith("[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*");
    }

    /** The pieces' ends as the regex finds them (a code point no alternative matches would be skipped: none is). */
    private static List<Integer> regexEnds(String text) {
        List<Integer> ends = new ArrayList<>();
        Matcher m = regex.matcher(text);
        int expected = 0;
        while (m.find()) {
            assertThat(m.start()).as("a gap before a piece of %s", escape(text)).isEqualTo(expected);
            ends.add(m.end());
            expected = m.end();
        }
        assertThat(expected).as("the pieces cover %s", escape(text)).isEqualTo(text.length());
        return ends;
    }

    private static List<Integer> scanEnds(String text) {
        List<Integer> ends = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            i = O200kSplit.end(text, i);
            ends.add(i);
        }
        return ends;
    }

    private static void assertSameSplit(String text) {
        List<Integer> expected = regexEnds(text);
        List<Integer> actual = scanEnds(text);
        if (!expected.equals(actual)) {
            throw new AssertionError("split of " + escape(text) + ": regex " + expected + ", scan " + actual);
        }
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                sb.appendCodePoint(c);
            } else {
                sb.append(String.format("\\u{%X}", c));
            }
        });
        return sb.append('"').toString();
    }

    @Test
    void splitsRealCorporaAsTheRegexDoes() throws IOException {
        List<String> texts = corpora;
        assertThat(texts).hasSizeGreaterThan(1_000);
        long chars = 0;
        for (String text : texts) {
            assertSameSplit(text);
            chars += text.length();
        }
        assertThat(chars).isGreaterThan(1_000_000);
    }

    @Test
    void countsRealCorporaAsJtokkitDoes() throws IOException {
        JtokkitTokenCounter counter = JtokkitTokenCounter.O200K_BASE;
        for (String text : corpora) {
            assertThat(counter.count(text)).as(escape(text)).isEqualTo(counter.countWithJtokkit(text));
        }
        // a second pass, with the pieces remembered, counts the same
        for (String text : corpora) {
            assertThat(counter.count(text)).isEqualTo(counter.countWithJtokkit(text));
        }
    }

    /** Every code point of the basic plane, and every 17th beyond it, in each template's place of {@code %}. */
    @Test
    void splitsEveryCodePointInEveryPosition() {
        String[] templates = {"%", "%%", "%%%x", "x%", "%x", "X%", "%X", " %", "% ", "  %", "% b", "%'s", "x%'S",
            "x'%", "x'%e", "'%", "a%'ll", "Ab%c", "AB%", "1%", "12%3", "%12", "\n%", "%\n", "% \n", " %/\n", "!%",
            "%!", "\t%a", "%\u0301", "\u0301%", "\u02b0%", "%\u00a0x", "\u3000%", "%\r\n"};
        for (int cp = 0; cp < 0x11_0000; cp = cp < 0x1_0000 ? cp + 1 : cp + 17) {
            String c = new String(Character.toChars(cp));
            for (String template : templates) {
                assertSameSplit(template.replace("%", c));
            }
        }
    }

    /** Random texts over representatives of every class the alternatives tell apart. */
    @Test
    void splitsAndCountsRandomMixturesAsJtokkitDoes() {
        String[] alphabet = {"a", "z", "s", "t", "r", "e", "v", "m", "l", "d", "S", "T", "R", "E", "V", "M", "L",
            "D", "\u017f", "\u212a", "A", "Z", "\u01c5", "\u02b0", "\u00aa", "\u4e2d", "\u0301", "\u0903", "\u20dd",
            "\u00e9", "\u00c9", "0", "7", "\u0663", "\u2167", "\u00bd", " ", "\t", "\n", "\r", "\u000b", "\u0085",
            "\u00a0", "\u2028", "\u3000", "'", "/", "!", ".", ",", "-", "$", "\u00a9", "\ud835\udc00",
            "\ud801\udc28", "\ud801\udc00", "\ud83d\ude00", "\ud800", "\udc00", "\u200b", "\ufeff", "_", "\u0000"};
        SplittableRandom random = new SplittableRandom(20261121);
        JtokkitTokenCounter counter = JtokkitTokenCounter.O200K_BASE;
        for (int i = 0; i < 300_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(i % 10 == 0 ? 60 : 12);
            for (int k = 0; k < length; k++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = sb.toString();
            assertSameSplit(text);
            if (i % 3 == 0) {
                assertThat(counter.count(text)).as(escape(text)).isEqualTo(counter.countWithJtokkit(text));
            }
        }
    }

    @Test
    void longPiecesAreCountedWithoutBeingRemembered() {
        JtokkitTokenCounter counter = JtokkitTokenCounter.O200K_BASE;
        String longWord = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
        String symbols = "-".repeat(200) + "=".repeat(7) + "\n\n";
        String spaces = " ".repeat(100) + "x" + "\t".repeat(40);
        for (String text : List.of(longWord, symbols, spaces, longWord + symbols + spaces)) {
            assertThat(counter.count(text)).isEqualTo(counter.countWithJtokkit(text));
        }
    }

    @Test
    void moreDistinctPiecesThanTheTableKeepsAreEachCountedAsThemselves() {
        // 100,000 distinct short pieces: the table is replaced four times; each count is the piece's own
        JtokkitTokenCounter counter = JtokkitTokenCounter.O200K_BASE;
        for (int i = 0; i < 100_000; i++) {
            String word = " w" + Integer.toString(i * 7919, 36);
            assertThat(counter.count(word)).as(word).isEqualTo(counter.countWithJtokkit(word));
        }
        assertThat(counter.count("")).isZero();
    }

    @Test
    void textsMostlyNewToAKnownVocabularyAreCountedAsJtokkitDoes() throws IOException {
        // A table that knows the corpora's vocabulary, then texts of random words: past the first pieces of each,
        // the rest of the text goes to jtokkit whole; the sum is the same either way.
        JtokkitTokenCounter counter = JtokkitTokenCounter.unshared(EncodingType.O200K_BASE);
        for (String text : corpora.subList(0, 2_000)) {
            counter.count(text);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < 200; t++) {
            StringBuilder sb = new StringBuilder(t % 2 == 0 ? "The report says: " : "");
            for (int w = 0; w < 20 + random.nextInt(400); w++) {
                sb.append(w % 9 == 0 ? ",\n" : " ");
                for (int c = 0, len = 2 + random.nextInt(9); c < len; c++) {
                    sb.append((char) ((random.nextInt(3) == 0 ? 'A' : 'a') + random.nextInt(26)));
                }
            }
            String text = sb.toString();
            assertThat(counter.count(text)).as(text).isEqualTo(counter.countWithJtokkit(text));
        }
    }

    @Test
    void threadsSharingACounterEachCountAsJtokkitDoes() throws Exception {
        // Four threads fill and read one table at once.
        JtokkitTokenCounter counter = JtokkitTokenCounter.unshared(EncodingType.O200K_BASE);
        List<String> texts = corpora;
        List<Integer> expected = new ArrayList<>();
        for (String text : texts) {
            expected.add(counter.countWithJtokkit(text));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * texts.size() / 4;
                wrong.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int k = 0; k < texts.size(); k++) {
                        int i = (offset + k) % texts.size();
                        if (counter.count(texts.get(i)) != expected.get(i)) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsharedCountersAreOfferedForTheTwoEncodings() {
        assertThat(JtokkitTokenCounter.unshared(EncodingType.CL100K_BASE).count("hello world"))
                .isEqualTo(2);
        assertThat(JtokkitTokenCounter.unshared(EncodingType.O200K_BASE))
                .isNotSameAs(JtokkitTokenCounter.O200K_BASE);
        assertThatThrownBy(
                () -> JtokkitTokenCounter.unshared(EncodingType.R50K_BASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r50k_base");
    }

    /** Texts of the shared data: SummEdits documents and summaries, BIPIA contexts and attacks, AgentDojo payloads. */
    private static List<String> readCorpora() throws IOException {
        Path data = TestData.dataDir();
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data.resolve("summedits/summedits.jsonl.gz"))),
                StandardCharsets.UTF_8))) {
            String line;
            String lastDoc = "";
            while ((line = reader.readLine()) != null) {
                JsonNode node = json.readTree(line);
                String doc = node.path("doc").asText();
                if (!doc.equals(lastDoc)) {
                    texts.add(doc);
                    lastDoc = doc;
                }
                texts.add(node.path("summary").asText());
            }
        }
        for (String file : List.of("prompt-injection/bipia_contexts.jsonl", "prompt-injection/bipia_attacks.jsonl",
                "prompt-injection/agentdojo_injection_payloads.jsonl")) {
            for (String line : Files.readAllLines(data.resolve(file), StandardCharsets.UTF_8)) {
                collectStrings(json.readTree(line), texts);
            }
        }
        return texts;
    }

    private static void collectStrings(JsonNode node, List<String> into) {
        if (node.isTextual() && !node.asText().isEmpty()) {
            into.add(node.asText());
        } else if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                collectStrings(it.next().getValue(), into);
            }
            if (node.isArray()) {
                node.forEach(child -> collectStrings(child, into));
            }
        }
    }
}
