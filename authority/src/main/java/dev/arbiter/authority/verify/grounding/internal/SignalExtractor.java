package dev.arbiter.authority.verify.grounding.internal;

import dev.arbiter.authority.verify.grounding.GroundingIssue;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes every grounding signal of one judged sentence against the evidence and the evidence sentences it
 * was aligned to. Each signal is a count or a fraction, zero when nothing is wrong. Stateless and thread-safe.
 */
public final class SignalExtractor {

    private static final List<String> NEGATING_PREFIXES = List.of("un", "in", "im", "dis", "non", "ir", "il");

    /** The signals of one sentence and the issues behind them. */
    public record Signals(Map<Kind, Double> values, List<GroundingIssue> issues) {
    }

    private SignalExtractor() {
    }

    /** Returns the signals of the sentence whose tokens are given, against the evidence and its alignments. */
    public static Signals extract(SentenceSplitter.Span sentence, List<Token> tokens, DocIndex index,
            List<Alignment> aligned) {
        Map<Kind, Double> values = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            values.put(k, 0.0);
        }
        List<GroundingIssue> issues = new ArrayList<>();
        Set<String> alignedStems = new HashSet<>();
        for (Alignment a : aligned) {
            alignedStems.addAll(a.sentence().stems());
        }
        numbers(sentence, index, values, issues);
        entities(tokens, index, values, issues);
        swappedTerms(tokens, index, values, issues);
        antonyms(tokens, index, alignedStems, values, issues);
        Polarity.compare(tokens, aligned, values, issues);
        RoleSwaps.find(tokens, index, aligned, values, issues);
        novelContent(tokens, index, values, issues);
        double best = aligned.isEmpty() ? 0 : aligned.get(0).similarity();
        values.put(Kind.WEAK_ALIGNMENT, 1 - best);
        return new Signals(values, issues);
    }

    private static void numbers(SentenceSplitter.Span sentence, DocIndex index, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        for (Quantity q : Quantities.find(sentence.text(), sentence.start())) {
            boolean supported = false;
            for (Quantity d : index.quantities()) {
                if (q.isSupportedBy(d)) {
                    supported = true;
                    break;
                }
            }
            if (!supported) {
                values.merge(Kind.UNSUPPORTED_NUMBER, 1.0, Double::sum);
                issues.add(new GroundingIssue(Kind.UNSUPPORTED_NUMBER, q.text(), q.start(), q.end(),
                        "the number '" + q.text() + "' is not stated in the evidence"));
            }
        }
    }

    private static void entities(List<Token> tokens, DocIndex index, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        Token groupStart = null;
        Token groupEnd = null;
        for (int i = 0; i <= tokens.size(); i++) {
            Token t = i < tokens.size() ? tokens.get(i) : null;
            boolean unsupported = t != null && t.capitalized() && !t.sentenceInitial() && !t.lower().equals("i")
                    && !index.containsWord(t) && !index.isInitialism(t.lower().replace(".", ""));
            if (unsupported) {
                groupStart = groupStart == null ? t : groupStart;
                groupEnd = t;
            } else if (groupStart != null) {
                String term = groupStart == groupEnd ? groupStart.text() : groupStart.text() + " … " + groupEnd.text();
                values.merge(Kind.UNSUPPORTED_ENTITY, 1.0, Double::sum);
                issues.add(new GroundingIssue(Kind.UNSUPPORTED_ENTITY, term, groupStart.start(), groupEnd.end(),
                        "the name '" + term + "' appears nowhere in the evidence"));
                groupStart = null;
            }
        }
    }

    private static void swappedTerms(List<Token> tokens, DocIndex index, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        for (Token t : tokens) {
            int c = Lexicon.wordClass(t.stem());
            if (c >= 0 && !index.containsWord(t) && index.hasWordClass(c)) {
                values.merge(Kind.SWAPPED_TERM, 1.0, Double::sum);
                issues.add(new GroundingIssue(Kind.SWAPPED_TERM, t.text(), t.start(), t.end(),
                        "'" + t.text() + "' is not in the evidence, which names another of its kind"));
            }
        }
    }

    private static void antonyms(List<Token> tokens, DocIndex index, Set<String> alignedStems,
            Map<Kind, Double> values, List<GroundingIssue> issues) {
        for (Token t : tokens) {
            if (!t.isContent() || alignedStems.contains(t.stem())) {
                continue;
            }
            String opposite = opposite(t.stem(), alignedStems);
            if (opposite == null && !index.containsStem(t.stem())) {
                opposite = opposite(t.stem(), index::containsStem);
            }
            if (opposite != null) {
                values.merge(Kind.ANTONYM, 1.0, Double::sum);
                issues.add(new GroundingIssue(Kind.ANTONYM, t.text(), t.start(), t.end(),
                        "'" + t.text() + "' contradicts the evidence, which says '" + opposite + "'"));
            }
        }
    }

    private static String opposite(String stem, Set<String> stems) {
        return opposite(stem, stems::contains);
    }

    private static String opposite(String stem, java.util.function.Predicate<String> has) {
        for (String a : Lexicon.antonyms(stem)) {
            if (has.test(a)) {
                return a;
            }
        }
        for (String p : NEGATING_PREFIXES) {
            if (has.test(p + stem)) {
                return p + stem;
            }
            if (stem.startsWith(p) && stem.length() > p.length() + 3 && has.test(stem.substring(p.length()))) {
                return stem.substring(p.length());
            }
        }
        return null;
    }

    private static void novelContent(List<Token> tokens, DocIndex index, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        int content = 0;
        List<String> novel = new ArrayList<>();
        for (Token t : tokens) {
            if (!t.isContent() || t.isNumeric()) {
                continue;
            }
            content++;
            if (!t.capitalized() && !index.containsWord(t)) {
                novel.add(t.text());
            }
        }
        if (!novel.isEmpty()) {
            values.put(Kind.NOVEL_CONTENT, novel.size() / (double) content);
            issues.add(new GroundingIssue(Kind.NOVEL_CONTENT, String.join(", ", novel), -1, -1,
                    "words found nowhere in the evidence: " + String.join(", ", novel)));
        }
    }
}
