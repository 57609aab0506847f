package dev.arbiter.authority.verify.grounding.internal;

import dev.arbiter.authority.verify.grounding.GroundingIssue;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

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
        NumberCheck.check(sentence, tokens, index, values, issues);
        entities(tokens, index, values, issues);
        swappedTerms(tokens, index, values, issues);
        antonyms(tokens, aligned, alignedStems, values, issues);
        Polarity.compare(tokens, index, aligned, values, issues);
        RoleSwaps.find(tokens, index, aligned, values, issues);
        novelContent(tokens, index, values, issues);
        double best = aligned.isEmpty() ? 0 : aligned.get(0).similarity();
        values.put(Kind.WEAK_ALIGNMENT, 1 - best);
        return new Signals(values, issues);
    }

    private static void entities(List<Token> tokens, DocIndex index, Map<Kind, Double> values,
            List<GroundingIssue> issues) {
        List<Token> group = new ArrayList<>();
        for (int i = 0; i <= tokens.size(); i++) {
            Token t = i < tokens.size() ? tokens.get(i) : null;
            boolean unsupported = t != null && t.capitalized() && !t.sentenceInitial() && !t.lower().equals("i")
                    && t.text().chars().noneMatch(Character::isDigit)
                    && !index.containsWord(t) && !index.isInitialism(t.lower().replace(".", ""))
                    && !index.hasNamePrefix(t.lower());
            if (unsupported) {
                group.add(t);
            } else if (!group.isEmpty()) {
                StringBuilder initials = new StringBuilder();
                group.forEach(g -> initials.append(g.lower().charAt(0)));
                if (group.size() == 1 || !index.containsLower(initials.toString())) {
                    Token first = group.get(0);
                    Token last = group.get(group.size() - 1);
                    String term = first == last ? first.text() : first.text() + " " + last.text();
                    values.merge(Kind.UNSUPPORTED_ENTITY, 1.0, Double::sum);
                    issues.add(new GroundingIssue(Kind.UNSUPPORTED_ENTITY, term, first.start(), last.end(),
                            "the name '" + term + "' appears nowhere in the evidence"));
                }
                group.clear();
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

    private static void antonyms(List<Token> tokens, List<Alignment> aligned, Set<String> alignedStems,
            Map<Kind, Double> values, List<GroundingIssue> issues) {
        Set<String> own = new HashSet<>();
        tokens.forEach(t -> own.add(t.stem()));
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isContent() || alignedStems.contains(t.stem())) {
                continue;
            }
            String opposite = opposite(t.stem(), alignedStems);
            if (opposite != null && (own.contains(opposite) || !Context.shared(tokens, i, aligned, opposite))) {
                opposite = null;
            }
            if (opposite != null) {
                values.merge(Kind.ANTONYM, 1.0, Double::sum);
                issues.add(new GroundingIssue(Kind.ANTONYM, t.text(), t.start(), t.end(),
                        "'" + t.text() + "' contradicts the evidence, which says '" + opposite + "'"));
            }
        }
    }

    private static @Nullable String opposite(String stem, Set<String> stems) {
        Predicate<String> has = stems::contains;
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
