package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.ContextQuery;
import dev.arbiter.steering.context.InjectionDetector;
import dev.arbiter.steering.context.TokenCounter;
import dev.arbiter.steering.context.Treatment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rendered context's count from its parts equals counting the whole rendering. */
class RenderCounterTest {

    /** Fragments that stress the pieces: punctuation and spaces at the ends, line ends, slashes, digits, non-ASCII. */
    private static final String[] FRAGMENTS = {"invoice", "Total", "due", "the", "IBAN", "s", " ", "  ", ".", "!",
        "?", ",", ":", "\n", "\n\n", "\r\n", "/", "//", "123", "4567", "ü", "日本語", "é", "'s", "'ll", "\t", "<", ">",
        "[", "]", "\"", "😀", "-", "—", "=", "```", "#", " \n", "A", "B"};

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            if (random.nextInt(3) == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static List<ContextItem> randomItems(Random random) {
        List<ContextItem> items = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String text = randomText(random);
            if (text.isBlank()) {
                text = "x" + text;
            }
            ContextItem item = random.nextBoolean() ? ContextItem.trusted("s-" + i, text)
                    : ContextItem.untrusted("s-" + i, text);
            if (random.nextInt(4) == 0) {
                item = item.withTreatment(Treatment.QUOTE);
            }
            items.add(item);
        }
        return items;
    }

    private static void assertExact(TokenCounter counter, long seed, int rounds) {
        Random random = new Random(seed);
        ContextAssembler assembler = ContextAssembler.builder().tokenCounter(counter).random(new Random(seed))
                .nearDuplicateThreshold(1.0).build();
        for (int round = 0; round < rounds; round++) {
            List<ContextItem> items = randomItems(random);
            int budget = random.nextInt(3) == 0 ? 40 + random.nextInt(200) : 100_000;
            AssembledContext context = assembler.assemble(items, budget);
            assertThat(context.manifest().tokens())
                    .as("round %d, items %s", round, items)
                    .isEqualTo(counter.count(context.text()));
        }
    }

    @Test
    void theCountFromPartsEqualsCountingTheWholeRenderingUnderO200k() {
        assertExact(TokenCounter.o200kBase(), 1, 1_500);
    }

    @Test
    void theCountFromPartsEqualsCountingTheWholeRenderingUnderCl100k() {
        assertExact(TokenCounter.cl100kBase(), 2, 1_500);
    }

    @Test
    void aCustomCounterIsAskedForTheWholeRendering() {
        AtomicInteger longest = new AtomicInteger();
        TokenCounter words = text -> {
            longest.accumulateAndGet(text.length(), Math::max);
            return text.isBlank() ? 0 : text.strip().split("\\s+").length;
        };
        ContextAssembler assembler = ContextAssembler.builder().tokenCounter(words).build();
        AssembledContext context = assembler.assemble(List.of(ContextItem.untrusted("a", "one two three."),
                ContextItem.trusted("b", "four five.")), 1_000);

        assertThat(context.manifest().tokens()).isEqualTo(words.count(context.text()));
        assertThat(longest.get()).isEqualTo(context.text().length());
    }

    @Test
    void aRepeatedAssemblyReusesEveryCountButTheFenceBoundarys() {
        BoundedCache<String, Integer> counts = new BoundedCache<>(1_000);
        AssemblerSettings settings = new AssemblerSettings(JtokkitTokenCounter.O200K_BASE, counts,
                new BoundedCache<>(1_000), new BoundedCache<>(1_000), new BoundedCache<>(1_000), null, 0.8, 0.95, null, 256, new Random(7),
                InjectionDetector.standard());
        List<ContextItem> items = List.of(ContextItem.untrusted("a", "Invoice 4711 is due on 31 July."),
                ContextItem.trusted("b", "The supplier is Acme Ltd."), ContextItem.untrusted("c", "Paid in full"));
        AssembledContext first = AssemblyRun.assemble(settings, ContextQuery.none(), items, 1_000);
        int cached = counts.size();
        AssembledContext again = AssemblyRun.assemble(settings, ContextQuery.none(), items, 1_000);

        assertThat(again.manifest().fenceBoundary()).isNotEqualTo(first.manifest().fenceBoundary());
        assertThat(counts.size()).as("new counts cached by the repeated assembly").isEqualTo(cached);
        assertThat(again.manifest().tokens()).isEqualTo(TokenCounter.o200kBase().count(again.text()));
        assertThat(first.manifest().tokens()).isEqualTo(TokenCounter.o200kBase().count(first.text()));
    }

    /** Contents ending in letters, digits and punctuation runs, fenced and trusted, first and last, both encodings. */
    @Test
    void contentsEndingInALetterDigitOrPunctuationRunCountExactlyWithTheirLineEnds() {
        String[] ends = {"due", "DUE", "4711", "x7", "due.", "due.)", "due?!", "4711.", "due...", "due.......",
            "due.........", "due'", "due:/", "due//", "due\"", "due\\", "due.'s", " .", "due .", "é.", "日本.", "due\t.",
            "due-", "due=", "due```", "due>", "due]", "due#", "due%", "due_", "due~"};
        for (TokenCounter counter : List.of(TokenCounter.o200kBase(), TokenCounter.cl100kBase())) {
            ContextAssembler assembler = ContextAssembler.builder().tokenCounter(counter).cacheSize(0)
                    .nearDuplicateThreshold(1.0).build();
            for (String end : ends) {
                for (String start : List.of("", "The invoice is ", "Total 12 ")) {
                    List<ContextItem> items = List.of(ContextItem.untrusted("a", start + end),
                            ContextItem.trusted("b", "Then " + end), ContextItem.untrusted("c", "Last " + end),
                            ContextItem.trusted("d", start + end + " " + end));
                    AssembledContext context = assembler.assemble(items, 100_000);
                    assertThat(context.manifest().tokens()).as("%s, ending %s", counter.name(), end)
                            .isEqualTo(counter.count(context.text()));
                }
            }
        }
    }

    @Test
    void theTailStartsAtTheLastSpaceBetweenLettersOrLetterAfterALineEnd() {
        assertThat(RenderCounter.tailStart("The total is due.")).isEqualTo("The total is".length());
        assertThat(RenderCounter.tailStart("Line one.\nEnd")).isEqualTo("Line one.\n".length());
        assertThat(RenderCounter.tailStart("1234. 5678.")).isZero();
        assertThat(RenderCounter.tailStart("a".repeat(RenderCounter.MAX_TAIL + 10) + " b" + "9".repeat(300)))
                .isZero();
    }

    @Test
    void contentStartingWithALineEndOrSlashIsNotSplitFromItsLabel() {
        assertThat(RenderCounter.startsPiece("Invoice")).isTrue();
        assertThat(RenderCounter.startsPiece(" Invoice")).isTrue();
        assertThat(RenderCounter.startsPiece("\nInvoice")).isFalse();
        assertThat(RenderCounter.startsPiece("\r\nInvoice")).isFalse();
        assertThat(RenderCounter.startsPiece("/path")).isFalse();
    }

    /**
     * A label line whose id starts and ends with an ASCII letter or digit is counted as the text before the id, the
     * id and the text after it: equal to counting the whole line, for ids of every kind of character inside, fenced
     * (any boundary) and trusted, under both encodings, with the count cache off and on.
     */
    @Test
    void labelLinesCountedAroundTheirIdsEqualTheWholeLines() {
        String[] inner = {"a", "Z", "7", "kb", "-", "_", ".", ":", "/", " ", "  ", "\t", "'s", "'", "\"", "<", "]", "ü",
            "日本", "😀", "\n", "\u2028", "\\", "123", "4567", "IBAN", "x-1", "é", "=", "\r\n", "—"};
        String ends = "abcXYZ0123456789";
        Random random = new Random(11);
        for (JtokkitTokenCounter counter : List.of(JtokkitTokenCounter.O200K_BASE, JtokkitTokenCounter.CL100K_BASE)) {
            for (int cache : new int[] {0, 1_000}) {
                AssemblerSettings settings = new AssemblerSettings(counter, new BoundedCache<>(cache),
                        new BoundedCache<>(cache), new BoundedCache<>(cache), new BoundedCache<>(cache), null, 0.8, 0.95,
                        null, 256, new Random(7), InjectionDetector.standard());
                for (int t = 0; t < 3_000; t++) {
                    StringBuilder id = new StringBuilder();
                    int n = random.nextInt(6);
                    if (t % 3 != 0) {
                        id.append(ends.charAt(random.nextInt(ends.length())));
                    }
                    for (int i = 0; i < n; i++) {
                        id.append(inner[random.nextInt(inner.length)]);
                    }
                    if (t % 5 != 0) {
                        id.append(ends.charAt(random.nextInt(ends.length())));
                    }
                    if (id.length() == 0) {
                        id.append('x');
                    }
                    String boundary = Fences.newBoundary(random);
                    RenderCounter rc = new RenderCounter(settings, boundary);
                    String note = t % 7 == 0 ? "cut: first 2 of 3 sentences" : "";
                    String open = Fences.openLine(id.toString(), boundary, note) + "\n";
                    String label = Fences.trustedLabel(id.toString(), note) + "\n";
                    assertThat(rc.openLine(id.toString(), note)).as("%s under %s", open, counter)
                            .isEqualTo(counter.count(open));
                    assertThat(rc.trustedLabel(id.toString(), note)).as("%s under %s", label, counter)
                            .isEqualTo(counter.count(label));
                    assertThat(rc.openLine(id.toString(), note)).as("again").isEqualTo(counter.count(open));
                }
            }
        }
    }
}
