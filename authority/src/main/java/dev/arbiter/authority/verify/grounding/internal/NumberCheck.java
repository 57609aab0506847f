package dev.arbiter.authority.verify.grounding.internal;

import dev.arbiter.authority.verify.grounding.GroundingIssue;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the numbers of a judged sentence: a number the evidence never states is unsupported; a number the
 * evidence states somewhere, but where the evidence number in the closest context (the most rarity-weighted
 * content words shared within {@link #WINDOW} tokens) is a different one, is a mismatch ("$50 a month" where the
 * evidence gives $50 as the regular price and $100 a month as the offer). Stateless and thread-safe.
 */
final class NumberCheck {

    static final int WINDOW = 6;
    /** The shared context (sum of inverse sentence frequencies) a contradicting number needs. */
    static final double MIN_CONTEXT = 3.0;

    private NumberCheck() {
    }

    static void check(SentenceSplitter.Span sentence, List<Token> tokens, DocIndex index, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        List<Quantity> stated = index.quantities();
        for (Quantity q : Quantities.find(sentence.text(), sentence.start())) {
            Set<String> mine = window(tokens, q.start(), q.end());
            double bestSupporting = -1;
            double bestOther = -1;
            Quantity other = null;
            boolean supported = false;
            for (int i = 0; i < stated.size(); i++) {
                Quantity d = stated.get(i);
                if (d.ordinal() != q.ordinal() || !d.unitsAgree(q) || isYear(d) != isYear(q)) {
                    continue;
                }
                double context = shared(mine, index.sentenceOfQuantity(i), d, index);
                if (q.isSupportedBy(d)) {
                    supported = true;
                    bestSupporting = Math.max(bestSupporting, context);
                } else if (context > bestOther) {
                    bestOther = context;
                    other = d;
                }
            }
            if (!supported) {
                values.merge(Kind.UNSUPPORTED_NUMBER, 1.0, Double::sum);
                issues.add(new GroundingIssue(Kind.UNSUPPORTED_NUMBER, q.text(), q.start(), q.end(),
                        "the number '" + q.text() + "' is not stated in the evidence"));
            } else if (other != null && bestOther >= MIN_CONTEXT && bestOther > 2 * Math.max(0, bestSupporting)) {
                values.merge(Kind.NUMBER_MISMATCH, 1.0, Double::sum);
                issues.add(new GroundingIssue(Kind.NUMBER_MISMATCH, q.text(), q.start(), q.end(), "'" + q.text()
                        + "' does not match the evidence, which gives '" + other.text() + "' in this context"));
            }
        }
    }

    private static boolean isYear(Quantity q) {
        return !q.ordinal() && q.decimals() == 0 && q.scale() == 1 && q.unit().isEmpty() && q.value() >= 1900
                && q.value() <= 2100;
    }

    private static double shared(Set<String> mine, DocSentence sentence, Quantity d, DocIndex index) {
        double sum = 0;
        for (String stem : window(sentence.tokens(), d.start(), d.end())) {
            if (mine.contains(stem)) {
                sum += index.idf(stem);
            }
        }
        return sum;
    }

    /**
     * Returns the content stems within {@link #WINDOW} tokens before and after the character range. The tokens are
     * in text order and do not overlap, so the tokens before the range are a prefix and those after it a suffix,
     * found by binary search: linear work per sentence, not quadratic (a sentence of 100,000 numbers took minutes).
     */
    private static Set<String> window(List<Token> tokens, int start, int end) {
        Set<String> out = new HashSet<>();
        int before = 0;
        for (int i = firstStartingAtOrAfter(tokens, start) - 1; i >= 0 && before < WINDOW; i--) {
            Token t = tokens.get(i);
            if (t.end() <= start) {
                before++;
                addContent(t, out);
            }
        }
        int after = 0;
        for (int i = firstStartingAtOrAfter(tokens, end); i < tokens.size() && after < WINDOW; i++) {
            after++;
            addContent(tokens.get(i), out);
        }
        return out;
    }

    /** Returns the index of the first token that starts at or after {@code offset} (the size if none does). */
    private static int firstStartingAtOrAfter(List<Token> tokens, int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void addContent(Token t, Set<String> out) {
        if (t.isContent() && !t.isNumeric() && Lexicon.wordClass(t.stem()) < 0) {
            out.add(t.stem());
        }
    }
}
