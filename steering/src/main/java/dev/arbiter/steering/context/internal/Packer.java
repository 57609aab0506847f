package dev.arbiter.steering.context.internal;

import dev.arbiter.core.Digests;
import dev.arbiter.steering.context.Disposition;
import dev.arbiter.steering.context.Treatment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Packs ordered candidates into a token budget for one fence boundary, then proves the fit by counting the final
 * rendered text, removing the last placed block until it fits.
 *
 * <p>Placement is greedy in the given order (first fit): an item that does not fit is dropped (or cut, for a
 * QUOTE) and later, smaller items may still go in. Block costs are estimated as the sum of their parts' counts;
 * byte-pair tokenization is not exactly additive over concatenation, which is why the final text is counted again,
 * exactly: by a {@link RenderCounter}, from cached counts of its parts for the built-in counters. Not thread-safe: one packer per pack.
 */
final class Packer {

    /** Suffix of the source id under which a summary goes into the context and the evidence. */
    static final String SUMMARY_SUFFIX = "#summary";
    static final String SEPARATOR = "\n\n";

    /** Thrown when a summary turns out to contain the boundary: the caller picks another boundary and packs again. */
    static final class BoundaryCollision extends RuntimeException {
        BoundaryCollision() {
            super("a summary contains the fence boundary", null, false, false);
        }
    }

    /** One block in the context: what goes in under which id, its content's SHA-256 and count, its estimated cost. */
    record Block(Candidate candidate, String renderId, String note, String content, String contentDigest,
            boolean fenced, Disposition disposition, int contentTokens, int cost) {}

    /**
     * The outcome: the placed blocks in order, the dropped items by id, the boundary, the final text as the parts that
     * make it when joined ({@link Packer#parts}), and its count.
     */
    record Result(List<Block> placed, Map<String, Disposition.Dropped> dropped, String boundary, List<String> textParts,
            int tokens) {}

    private final AssemblerSettings settings;
    private final int budget;
    private final String boundary;
    private final Function<Candidate, Summaries.Result> summaries;
    private final RenderCounter counter;
    private final int separatorTokens;
    private final int headerTokens;
    private final int closeTokens;
    private final List<Block> placed = new ArrayList<>();
    private final Map<String, Disposition.Dropped> dropped = new LinkedHashMap<>();
    private int used;
    private boolean headerPlaced;

    Packer(AssemblerSettings settings, int budget, String boundary, Function<Candidate, Summaries.Result> summaries) {
        this.settings = settings;
        this.budget = budget;
        this.boundary = boundary;
        this.summaries = summaries;
        this.counter = new RenderCounter(settings, boundary);
        this.separatorTokens = counter.fixedPlain(SEPARATOR);
        this.headerTokens = counter.header(false);
        this.closeTokens = counter.lineEndAndClose();
    }

    /** Packs the candidates, in order. */
    Result pack(List<Candidate> ordered) {
        for (Candidate c : ordered) {
            place(c);
        }
        return verify();
    }

    private void place(Candidate c) {
        Treatment treatment = c.item().treatment();
        if (treatment == Treatment.SUMMARIZE) {
            placeSummary(c);
            return;
        }
        boolean fenced = !c.item().isTrusted();
        Block whole = new Block(c, c.id(), "", c.item().content(), c.digest(), fenced, new Disposition.Included(),
                c.tokens(),
                overhead(c.id(), "", fenced) + c.tokens());
        if (fits(whole)) {
            add(whole);
        } else if (treatment != Treatment.QUOTE || !placeCut(c)) {
            drop(c, Disposition.Reason.OVER_BUDGET, "needs " + (extra(fenced) + whole.cost()) + " tokens, "
                    + (budget - used) + " left");
        }
    }

    /** Places the longest run of whole sentences from the start that fits; false when not even one fits. */
    private boolean placeCut(Candidate c) {
        Sentences sentences = Sentences.of(c.item().content());
        int n = sentences.count();
        boolean fenced = !c.item().isTrusted();
        int best = 0;
        int bestTokens = 0;
        int lo = 1;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int tokens = settings.countUncached(sentences.prefix(mid));
            if (used + extra(fenced) + overhead(c.id(), cutNote(mid, n), fenced) + tokens <= budget) {
                best = mid;
                bestTokens = tokens;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (best == 0) {
            return false;
        }
        String kept = sentences.prefix(best);
        String note = cutNote(best, n);
        String keptDigest = Digests.sha256Hex(kept);
        add(new Block(c, c.id(), note, kept, keptDigest, fenced, new Disposition.Cut(best, n, keptDigest),
                bestTokens, overhead(c.id(), note, fenced) + bestTokens));
        return true;
    }

    private void placeSummary(Candidate c) {
        String renderId = c.id() + SUMMARY_SUFFIX;
        String note = "summary of " + c.id() + ", written by a model";
        int overhead = overhead(renderId, note, true);
        if (used + extra(true) + overhead + 1 > budget) {
            drop(c, Disposition.Reason.OVER_BUDGET, "no room left for a summary (" + (budget - used) + " tokens left)");
            return;
        }
        Summaries.Result result = summaries.apply(c);
        if (!result.succeeded()) {
            drop(c, Disposition.Reason.SUMMARY_FAILED, result.failure());
            return;
        }
        String summary = result.summary();
        if (summary.toLowerCase(Locale.ROOT).contains(boundary)) {
            throw new BoundaryCollision();
        }
        String digest = Digests.sha256Hex(summary);
        int tokens = settings.count(digest, summary);
        Block block = new Block(c, renderId, note, summary, digest, true, new Disposition.Summarized(renderId, digest),
                tokens, overhead + tokens);
        if (fits(block)) {
            add(block);
        } else {
            drop(c, Disposition.Reason.OVER_BUDGET, "its summary needs " + (extra(true) + block.cost())
                    + " tokens, " + (budget - used) + " left");
        }
    }

    private static String cutNote(int kept, int total) {
        return "cut: first " + kept + " of " + total + " sentences";
    }

    /** Tokens of a block besides its content: the label or fence lines with the newlines that join them to it. */
    private int overhead(String renderId, String note, boolean fenced) {
        return fenced
                ? counter.openLine(renderId, note) + closeTokens
                : counter.trustedLabel(renderId, note);
    }

    /** Tokens a next block costs besides itself: a separator, and the standing instruction before the first fence. */
    private int extra(boolean fenced) {
        return (placed.isEmpty() ? 0 : separatorTokens) + (fenced && !headerPlaced ? headerTokens + separatorTokens : 0);
    }

    private boolean fits(Block block) {
        return used + extra(block.fenced()) + block.cost() <= budget;
    }

    private void add(Block block) {
        used += extra(block.fenced()) + block.cost();
        headerPlaced |= block.fenced();
        placed.add(block);
    }

    private void drop(Candidate c, Disposition.Reason reason, String explanation) {
        dropped.put(c.id(), new Disposition.Dropped(reason, "", explanation));
    }

    /**
     * Counts the rendered text (exactly, from its parts; see {@link RenderCounter}) and removes the last placed block
     * until the count is within the budget.
     */
    private Result verify() {
        int tokens = counter.total(placed);
        while (tokens > budget) {
            Block last = placed.remove(placed.size() - 1);
            dropped.put(last.candidate().id(), new Disposition.Dropped(Disposition.Reason.OVER_BUDGET, "",
                    "the rendered context counted " + tokens + " tokens, over the budget of " + budget
                            + "; the last item placed was taken out"));
            tokens = counter.total(placed);
        }
        return new Result(List.copyOf(placed), dropped, boundary, parts(placed, boundary), tokens);
    }

    /** Renders blocks: the standing instruction first when any block is fenced, then the blocks, blank-line separated. */
    static String render(List<Block> blocks, String boundary) {
        // String.join sizes the result from the parts and copies each once into it: a context is tens of kilobytes,
        // and UTF-16 (the standing instruction holds a non-Latin-1 character), and a StringBuilder would zero its
        // array, then copy the whole of it again into the string.
        return String.join("", parts(blocks, boundary));
    }

    /**
     * The rendering of {@link #render} as the texts that make it when joined with nothing between them, unjoined: an
     * assembled context joins them only when its text is asked for, and a composer joins them straight into its
     * message ({@code AssembledContext.messageFor}).
     */
    static List<String> parts(List<Block> blocks, String boundary) {
        List<String> parts = new ArrayList<>(blocks.size() * 7 + 1);
        boolean fencedAny = false;
        for (Block b : blocks) {
            fencedAny |= b.fenced();
        }
        String close = fencedAny ? "\n" + Fences.closeLine(boundary) : "";
        if (fencedAny) {
            parts.add(Fences.header(boundary));
        }
        for (Block b : blocks) {
            if (!parts.isEmpty()) {
                parts.add(SEPARATOR);
            }
            if (b.fenced()) {
                parts.add(Fences.openLine(b.renderId(), boundary, b.note()));
                parts.add("\n");
                parts.add(b.content());
                parts.add(close);
            } else {
                parts.add(Fences.trustedLabel(b.renderId(), b.note()));
                parts.add("\n");
                parts.add(b.content());
            }
        }
        return parts;
    }
}
