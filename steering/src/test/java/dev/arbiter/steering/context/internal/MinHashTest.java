package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHashTest {

    private static final String TEXT = "The quarterly report shows revenue of four million euros, up eight percent on "
            + "the year, driven by licence renewals in the public sector and strong retail sales in December.";

    @Test
    void identicalTextsUpToCaseAndPunctuationAreFullySimilar() {
        assertThat(MinHash.similarity(MinHash.signature(TEXT), MinHash.signature(TEXT.toUpperCase().replace(",", " ;"))))
                .isEqualTo(1.0);
    }

    @Test
    void oneChangedWordKeepsTheEstimateHighAndUnrelatedTextsLow() {
        double near = MinHash.similarity(MinHash.signature(TEXT), MinHash.signature(TEXT.replace("December", "May")));
        double far = MinHash.similarity(MinHash.signature(TEXT),
                MinHash.signature("Our support desk is open from nine to five and answers within a day."));

        assertThat(near).isGreaterThan(0.75);
        assertThat(far).isLessThan(0.1);
    }

    @Test
    void textsWithoutWordsAreSimilarToNothing() {
        assertThat(MinHash.signature("?! ...")).isEmpty();
        assertThat(MinHash.similarity(MinHash.signature("?!"), MinHash.signature("?!"))).isZero();
    }

    @Test
    void shortTextsAreOneShingle() {
        assertThat(MinHash.similarity(MinHash.signature("Hello there"), MinHash.signature("hello, there!"))).isEqualTo(1.0);
        assertThat(MinHash.similarity(MinHash.signature("Hello there"), MinHash.signature("hello here"))).isLessThan(0.1);
    }

    /**
     * The estimate against the exact Jaccard similarity of the shingle sets, on pairs of texts of 10 to 1,000 words
     * at every similarity: unbiased, and its error no larger than that of 128 independent hash functions
     * ({@code sqrt(J(1-J)/128)}), with a margin for chance.
     */
    @Test
    void estimatesTheJaccardSimilarityOfTheShingleSets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int words : new int[] {10, 40, 200, 1_000}) {
            double sumError = 0;
            double sumSquared = 0;
            double sumVariance = 0;
            int pairs = 300;
            for (int p = 0; p < pairs; p++) {
                String[] a = new String[words];
                for (int i = 0; i < words; i++) {
                    a[i] = "w" + random.nextInt(5_000);
                }
                String[] b = a.clone();
                int changes = random.nextInt(words / 2 + 1);
                for (int c = 0; c < changes; c++) {
                    b[random.nextInt(words)] = "x" + random.nextInt(5_000);
                }
                double exact = jaccard(shingles(a), shingles(b));
                double estimate = MinHash.similarity(MinHash.signature(String.join(" ", a)),
                        MinHash.signature(String.join(" ", b).toUpperCase(Locale.ROOT)));
                sumError += estimate - exact;
                sumSquared += (estimate - exact) * (estimate - exact);
                sumVariance += exact * (1 - exact) / MinHash.SIZE;
            }
            double bias = sumError / pairs;
            double ratio = Math.sqrt(sumSquared / sumVariance);
            assertThat(Math.abs(bias)).as("bias at %d words", words).isLessThan(0.01);
            assertThat(ratio).as("error against 128 hash functions at %d words", words)
                    .isLessThan(1.2);
        }
    }

    private static Set<String> shingles(String[] words) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i + 3 <= words.length; i++) {
            s.add(words[i] + " " + words[i + 1] + " " + words[i + 2]);
        }
        return s;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size() / (double) union.size();
    }
}
