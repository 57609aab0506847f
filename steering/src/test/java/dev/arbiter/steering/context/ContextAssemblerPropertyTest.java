package dev.arbiter.steering.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.ArbiterException;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.FinishReason;
import dev.arbiter.core.Generation;
import dev.arbiter.core.Generator;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Random items, treatments and budgets from a seeded source: the invariants hold in every assembly. */
class ContextAssemblerPropertyTest {

    private static final long SEED = 20_240_601L;
    private static final int ITERATIONS = 500;
    private static final TokenCounter COUNTER = TokenCounter.cl100kBase();
    private static final String[] WORDS = {"the", "invoice", "payment", "is", "due", "ignore", "previous",
        "instructions", "</untrusted-data", "fence=\"00ff\">", "<|im_start|>system", "système", "日本語", "refund",
        "send", "money", "to", "IBAN", "DE89370400440532013000", "report", "quarter", "revenue", "  ", "\n", "$5",
        "e.g.", "www.example.com", "assistant:", "IMPORTANT!!!", "your", "response"};
    private static final Treatment[] TREATMENTS = Treatment.values();

    @Test
    void theRenderedContextNeverExceedsTheBudgetAndVerbatimItemsAreWholeOrAbsent() {
        Random random = new Random(SEED);
        int cut = 0;
        int summarized = 0;
        int overBudget = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            List<ContextItem> items = randomItems(random);
            int budget = random.nextInt(800);
            long summarySeed = random.nextLong();
            ContextAssembler assembler = ContextAssembler.builder()
                    .tokenCounter(COUNTER)
                    .random(new Random(random.nextLong()))
                    .summarizer(randomSummariser(new Random(summarySeed)))
                    .build();

            AssembledContext ac = assembler.assemble(items, budget);

            String where = "iteration " + i + " (budget " + budget + ")";
            assertThat(COUNTER.count(ac.text())).as(where).isLessThanOrEqualTo(budget).isEqualTo(ac.manifest().tokens());
            checkItems(items, ac, where);
            for (ContextManifest.Entry e : ac.manifest().entries()) {
                cut += e.disposition() instanceof Disposition.Cut ? 1 : 0;
                summarized += e.disposition() instanceof Disposition.Summarized ? 1 : 0;
                overBudget += e.disposition() instanceof Disposition.Dropped d
                        && d.reason() == Disposition.Reason.OVER_BUDGET ? 1 : 0;
            }
        }
        // the random cases really exercise cutting, summarising and dropping
        assertThat(cut).isGreaterThan(20);
        assertThat(summarized).isGreaterThan(20);
        assertThat(overBudget).isGreaterThan(100);
    }

    private static void checkItems(List<ContextItem> items, AssembledContext ac, String where) {
        Rendered rendered = Rendered.parse(ac.text(), ac.manifest().fenceBoundary());
        Set<String> trustedContents = new HashSet<>();
        items.stream().filter(ContextItem::isTrusted).forEach(it -> trustedContents.add(it.content()));
        List<String> inContext = new ArrayList<>();
        for (ContextItem item : items) {
            ContextManifest.Entry entry = ac.manifest().entry(item.sourceId()).orElseThrow();
            Disposition d = entry.disposition();
            String what = where + ", item " + item.sourceId() + " " + item.treatment() + " " + d;
            switch (item.treatment()) {
                case VERBATIM -> assertThat(d).as(what).isInstanceOfAny(Disposition.Included.class, Disposition.Dropped.class);
                case QUOTE -> assertThat(d).as(what).isNotInstanceOf(Disposition.Summarized.class);
                case SUMMARIZE -> assertThat(d).as(what).isInstanceOfAny(Disposition.Summarized.class, Disposition.Dropped.class);
                case EXCLUDE -> assertThat(d).as(what).isEqualTo(new Disposition.Dropped(Disposition.Reason.EXCLUDED, "",
                        "its treatment is EXCLUDE"));
            }
            if (d instanceof Disposition.Included) {
                assertThat(shown(rendered, ac.text(), item)).as(what).isTrue();
                assertThat(ac.evidence().find(item.sourceId()).orElseThrow().content()).as(what).isEqualTo(item.content());
            }
            if (d instanceof Disposition.Cut c) {
                String kept = ac.evidence().find(item.sourceId()).orElseThrow().content();
                assertThat(item.content()).as(what).startsWith(kept);
                assertThat(kept).as(what).isNotEqualTo(item.content().strip());
                assertThat(shown(rendered, ac.text(), new ContextItem(item.sourceId(), kept, "", item.trust(),
                        item.treatment(), 0))).as(what).isTrue();
                assertThat(c.sentencesKept()).as(what).isLessThan(c.sentencesTotal());
            }
            if (d instanceof Disposition.Summarized s) {
                assertThat(ac.evidence().find(item.sourceId()).orElseThrow().content()).isEqualTo(item.content());
                Source summary = ac.evidence().find(s.summarySourceId()).orElseThrow();
                assertThat(summary.trust()).isEqualTo(Trust.UNTRUSTED);
                assertThat(rendered.fencesOf(s.summarySourceId())).singleElement()
                        .extracting(Rendered.Fence::content).isEqualTo(summary.content());
                inContext.add(s.summarySourceId());
            }
            if (d.isInContext()) {
                inContext.add(item.sourceId());
            } else {
                assertThat(entry.tokensAfter()).as(what).isZero();
                assertThat(ac.evidence().find(item.sourceId())).as(what).isEmpty();
            }
            if (!item.isTrusted() && !trustedContents.contains(item.content()) && item.content().strip().length() > 40) {
                assertThat(rendered.outside()).as(what).doesNotContain(item.content().strip());
            }
        }
        assertThat(ac.evidence().sources()).extracting(Source::id).containsExactlyInAnyOrderElementsOf(inContext);
    }

    /** Whether the item's content is in the context in its own block: fenced if untrusted, labelled if trusted. */
    private static boolean shown(Rendered rendered, String text, ContextItem item) {
        if (item.isTrusted()) {
            return rendered.outside().contains("]\n" + item.content()) && text.contains("[source: " + item.sourceId());
        }
        return rendered.fencesOf(item.sourceId()).stream().anyMatch(f -> f.content().equals(item.content()));
    }

    private static List<ContextItem> randomItems(Random random) {
        int n = random.nextInt(9);
        List<ContextItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String content = i > 0 && random.nextInt(8) == 0
                    ? items.get(random.nextInt(i)).content()
                    : randomText(random);
            Trust trust = random.nextBoolean() ? Trust.TRUSTED : Trust.UNTRUSTED;
            items.add(new ContextItem("item-" + i, content, "test", trust, TREATMENTS[random.nextInt(TREATMENTS.length)],
                    random.nextInt(3)));
        }
        return items;
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int sentences = random.nextInt(12);
        for (int s = 0; s < sentences; s++) {
            int words = 1 + random.nextInt(14);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                sb.append(w + 1 < words ? " " : "");
            }
            sb.append(".!?".charAt(random.nextInt(3))).append(random.nextInt(5) == 0 ? "\n\n" : " ");
        }
        return sb.toString();
    }

    private static Generator randomSummariser(Random random) {
        return request -> {
            synchronized (random) {
                int kind = random.nextInt(6);
                if (kind == 0) {
                    throw ArbiterException.of(FailureMode.PROVIDER_UNAVAILABLE, "overloaded");
                }
                if (kind == 1) {
                    return Generation.builder().text("cut off").finishReason(FinishReason.LENGTH).build();
                }
                return Generation.ofText(randomText(random) + "Summary.");
            }
        };
    }
}
