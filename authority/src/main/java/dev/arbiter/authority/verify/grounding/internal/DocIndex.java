package dev.arbiter.authority.verify.grounding.internal;

import dev.arbiter.core.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evidence of one judgement, analysed once: its sentences, the words, stems and numbers it states and the
 * inverse document frequency of each stem over its sentences. Immutable after construction and thread-safe.
 */
public final class DocIndex {

    private final List<DocSentence> sentences;
    private final Set<String> lowers = new HashSet<>();
    private final Set<String> stems = new HashSet<>();
    private final Set<Integer> wordClasses = new HashSet<>();
    private final List<Quantity> quantities = new ArrayList<>();
    private final List<DocSentence> quantitySentences = new ArrayList<>();
    private final Map<String, Integer> sentenceFrequency = new HashMap<>();
    private final List<String> initialisms = new ArrayList<>();
    private final Set<String> namePrefixes = new HashSet<>();

    /** Analyses the given sources, in order. */
    public DocIndex(List<Source> sources) {
        List<DocSentence> all = new ArrayList<>();
        for (Source source : sources) {
            for (SentenceSplitter.Span span : SentenceSplitter.split(source.content())) {
                DocSentence sentence = analyse(source.id(), span);
                all.add(sentence);
                for (Quantity q : Quantities.find(span.text(), span.start())) {
                    quantities.add(q);
                    quantitySentences.add(sentence);
                }
            }
        }
        this.sentences = List.copyOf(all);
    }

    private DocSentence analyse(String sourceId, SentenceSplitter.Span span) {
        List<Token> tokens = Tokenizer.tokenize(span.text(), span.start());
        Set<String> sentenceStems = new HashSet<>();
        int negations = 0;
        int hedges = 0;
        StringBuilder initials = new StringBuilder();
        for (Token t : tokens) {
            lowers.add(t.lower());
            stems.add(t.stem());
            sentenceStems.add(t.stem());
            int c = Lexicon.wordClass(t.stem());
            if (c >= 0) {
                wordClasses.add(c);
            }
            negations += Lexicon.isNegation(t.lower(), t.stem()) ? 1 : 0;
            hedges += Lexicon.HEDGES.contains(t.stem()) || Lexicon.HEDGES.contains(t.lower()) ? 1 : 0;
            initials.append(Character.toLowerCase(t.text().charAt(0)));
            if (t.capitalized() && t.lower().length() >= 4) {
                namePrefixes.add(t.lower().substring(0, 4));
            }
        }
        initialisms.add(initials.toString());
        for (String s : sentenceStems) {
            sentenceFrequency.merge(s, 1, Integer::sum);
        }
        return new DocSentence(sourceId, span.text(), span.start(), span.end(), List.copyOf(tokens),
                Set.copyOf(sentenceStems), negations, hedges);
    }

    /** Returns the sentences of all sources, in order. */
    public List<DocSentence> sentences() {
        return sentences;
    }

    /** Returns whether the evidence contains the lower-case word or its stem. */
    public boolean containsWord(Token token) {
        return lowers.contains(token.lower()) || stems.contains(token.stem());
    }

    /** Returns whether the evidence contains the lower-case word as written. */
    public boolean containsLower(String lower) {
        return lowers.contains(lower);
    }

    /**
     * Returns whether a capitalised evidence word shares the first four letters of the lower-case name, so that
     * {@code Chinese} matches {@code China} and {@code Russian} matches {@code Russia}.
     */
    public boolean hasNamePrefix(String lower) {
        return lower.length() >= 4 && namePrefixes.contains(lower.substring(0, 4));
    }

    /** Returns whether the evidence contains the stem. */
    public boolean containsStem(String stem) {
        return stems.contains(stem);
    }

    /** Returns whether some evidence word belongs to the given closed word class. */
    public boolean hasWordClass(int wordClass) {
        return wordClasses.contains(wordClass);
    }

    /** Returns every number the evidence states. */
    public List<Quantity> quantities() {
        return quantities;
    }

    /** Returns the sentence the {@code i}-th of {@link #quantities()} stands in. */
    public DocSentence sentenceOfQuantity(int i) {
        return quantitySentences.get(i);
    }

    /** Returns whether the lower-case letters are the initials of consecutive evidence words (AI, NATO, U.K.). */
    public boolean isInitialism(String letters) {
        if (letters.length() < 2) {
            return false;
        }
        for (String s : initialisms) {
            if (s.contains(letters)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the inverse sentence frequency of a stem: rarer stems weigh more; unseen stems weigh most. */
    public double idf(String stem) {
        int df = sentenceFrequency.getOrDefault(stem, 0);
        return Math.log((sentences.size() + 1.0) / (df + 0.5));
    }
}
