package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Digests;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.Disposition;
import dev.arbiter.steering.context.InjectionDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dedupe by bands, and pairwise for a few candidates, gives what comparing every pair gives. */
class DeduplicatorTest {

    private static final String[] WORDS = "the invoice total is due on the first of july paid in full by acme".split(" ");

    private static AssemblerSettings settings(double threshold) {
        return new AssemblerSettings(JtokkitTokenCounter.O200K_BASE, new BoundedCache<>(1_000),
                new BoundedCache<>(1_000), new BoundedCache<>(1_000), new BoundedCache<>(1_000), null, threshold, 0.95,
                null, 256, new Random(1), InjectionDetector.standard());
    }

    /** Texts that are copies of a few bases with a few words changed, so pairs span every similarity. */
    private static List<Candidate> candidates(Random random, int n) {
        List<String> bases = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 30; w++) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            bases.add(sb.toString());
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] words = bases.get(random.nextInt(bases.size())).split(" ");
            int changes = random.nextInt(12);
            for (int c = 0; c < changes; c++) {
                words[random.nextInt(words.length)] = "w" + random.nextInt(50);
            }
            String text = String.join(" ", words) + (random.nextInt(5) == 0 ? "" : " #" + i);
            out.add(new Candidate(ContextItem.untrusted("s-" + i, text), i, Digests.sha256Hex(text), 10, 0));
        }
        return out;
    }

    /** The rule as stated: the first kept item in order whose similarity is at or above the threshold. */
    private static Map<String, String> bruteForce(List<Candidate> ordered, double threshold) {
        Map<String, String> nearOf = new HashMap<>();
        List<Candidate> kept = new ArrayList<>();
        Map<String, String> byDigest = new HashMap<>();
        for (Candidate c : ordered) {
            if (byDigest.containsKey(c.digest())) {
                nearOf.put(c.id(), "=" + byDigest.get(c.digest()));
                continue;
            }
            String near = null;
            for (Candidate k : kept) {
                if (MinHash.similarity(MinHash.signature(c.item().content()), MinHash.signature(k.item().content()))
                        >= threshold) {
                    near = k.id();
                    break;
                }
            }
            if (near != null) {
                nearOf.put(c.id(), near);
            } else {
                byDigest.put(c.digest(), c.id());
                kept.add(c);
            }
        }
        return nearOf;
    }

    @Test
    void bandsAndPairwiseComparisonFindExactlyTheNearDuplicatesThatComparingEveryPairFinds() {
        Random random = new Random(11);
        for (double threshold : new double[] {0.3, 0.5, 0.8, 0.9, 1.0}) {
            for (int round = 0; round < 30; round++) {
                List<Candidate> ordered = candidates(random, 40);
                Map<String, String> expected = bruteForce(ordered, threshold);
                Map<String, Disposition.Dropped> byBands = new HashMap<>();
                Map<String, Disposition.Dropped> pairwise = new HashMap<>();

                List<Candidate> keptByBands = Deduplicator.dedupe(ordered, settings(threshold), Map.of(), byBands, 0);
                List<Candidate> keptPairwise = Deduplicator.dedupe(ordered, settings(threshold), Map.of(), pairwise,
                        Integer.MAX_VALUE);

                Map<String, String> actual = new HashMap<>();
                byBands.forEach((id, d) -> actual.put(id,
                        (d.reason() == Disposition.Reason.DUPLICATE ? "=" : "") + d.relatedSourceId()));
                assertThat(actual).as("threshold %s round %d", threshold, round).isEqualTo(expected);
                assertThat(keptByBands).hasSize(ordered.size() - expected.size());
                assertThat(pairwise).as("threshold %s round %d", threshold, round).isEqualTo(byBands);
                assertThat(keptPairwise).isEqualTo(keptByBands);
            }
        }
    }

    @Test
    void aFewCandidatesAreComparedPairwiseWithTheSameResultAsBands() {
        Random random = new Random(12);
        String[] short_ = {"", "one", "two words", "x y z", "a b c d"}; // no shingle, or one: empty or tiny signatures
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(Deduplicator.PAIRWISE_MAX);
            List<Candidate> ordered = new ArrayList<>(candidates(random, n));
            for (int i = 0; i < 3; i++) {
                String text = short_[random.nextInt(short_.length)];
                ordered.add(random.nextInt(ordered.size() + 1),
                        new Candidate(ContextItem.untrusted("short-" + i, text), 0, Digests.sha256Hex(text), 1, 0));
            }
            double threshold = new double[] {0.3, 0.8, 1.0}[round % 3];
            Map<String, Disposition.Dropped> byDefault = new HashMap<>();
            Map<String, Disposition.Dropped> byBands = new HashMap<>();

            List<Candidate> kept = Deduplicator.dedupe(ordered, settings(threshold), Map.of(), byDefault);

            assertThat(kept).isEqualTo(Deduplicator.dedupe(ordered, settings(threshold), Map.of(), byBands, 0));
            assertThat(byDefault).as("round %d", round).isEqualTo(byBands);
        }
    }

    @Test
    void bandsAreEnoughForThePigeonholeAtTheThreshold() {
        // at 0.8 a near pair agrees in at least 103 of 128 positions, so differs in at most 25: 26 bands
        long[] a = new long[MinHash.SIZE];
        long[] b = a.clone();
        for (int i = 0; i < 25; i++) {
            b[i * 5] = 1; // spread the differences over as many bands as possible
        }
        Bands bands = new Bands(0.8);
        bands.add(bands.keys(a), 0);

        assertThat(MinHash.similarity(a, b)).isGreaterThanOrEqualTo(0.8);
        assertThat(bands.candidates(bands.keys(b))).containsExactly(0);
    }
}
