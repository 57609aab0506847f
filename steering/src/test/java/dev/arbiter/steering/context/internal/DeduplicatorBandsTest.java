package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The primitive table of band keys answers as a sorted map from key to the set of kept indexes does. */
class DeduplicatorBandsTest {

    /** The reference: every kept index under each of its keys, ascending. */
    private static final class Reference {
        private final Map<Long, TreeSet<Integer>> byKey = new TreeMap<>();

        void add(long[] keys, int keptIndex) {
            for (long key : keys) {
                byKey.computeIfAbsent(key, k -> new TreeSet<>()).add(keptIndex);
            }
        }

        int[] candidates(long[] keys) {
            TreeSet<Integer> found = new TreeSet<>();
            for (long key : keys) {
                found.addAll(byKey.getOrDefault(key, new TreeSet<>()));
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Keys drawn from a small pool, so that many items share keys and an item may repeat one of its own keys. */
    private static long[] keys(Random random, long[] pool, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = pool[random.nextInt(pool.length)];
        }
        return keys;
    }

    private static long[] pool(Random random, int size) {
        long[] pool = new long[size];
        for (int i = 0; i < size; i++) {
            // raw random keys, and keys with only low or only high bits set, which a weak hash would pile up
            pool[i] = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> i;
                case 2 -> (long) i << 40;
                default -> -i;
            };
        }
        pool[0] = 0L; // zero is a key like any other
        return pool;
    }

    @Test
    void candidatesAreThoseOfASortedMapOfSetsUnderManyCollisions() {
        Random random = new Random(7);
        for (int poolSize : new int[] {1, 3, 40, 5_000}) {
            long[] pool = pool(random, poolSize);
            Bands bands = new Bands(0.8);
            Reference reference = new Reference();
            int items = poolSize < 10 ? 300 : 3_000; // a chain of one key holds ~13 entries per item
            for (int item = 0; item < items; item++) {
                long[] query = keys(random, pool, 1 + random.nextInt(26));
                assertThat(bands.candidates(query)).as("pool %d item %d", poolSize, item)
                        .isEqualTo(reference.candidates(query));
                long[] keys = keys(random, pool, 1 + random.nextInt(26));
                bands.add(keys, item);
                reference.add(keys, item);
            }
            for (long key : pool) {
                assertThat(bands.candidates(new long[] {key})).isEqualTo(reference.candidates(new long[] {key}));
            }
        }
    }

    @Test
    void theTableGrowsPastSeveralResizesAndLosesNoKey() {
        Random random = new Random(3);
        Bands bands = new Bands(0.8);
        int initial = bands.slots();
        Reference reference = new Reference();
        List<long[]> added = new ArrayList<>();
        for (int item = 0; item < 2_000; item++) {
            long[] keys = new long[26];
            for (int b = 0; b < keys.length; b++) {
                keys[b] = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextLong();
            }
            bands.add(keys, item);
            reference.add(keys, item);
            added.add(keys);
        }

        assertThat(bands.slots()).isGreaterThanOrEqualTo(initial << 8);
        assertThat(Integer.bitCount(bands.slots())).isEqualTo(1);
        for (long[] keys : added) {
            assertThat(bands.candidates(keys)).isEqualTo(reference.candidates(keys));
        }
        assertThat(bands.candidates(new long[] {random.nextLong(), random.nextLong()})).isEmpty();
    }

    @Test
    void aTableSizedForTheItemsGivesTheSameAnswers() {
        Random random = new Random(5);
        long[] pool = pool(random, 200);
        Bands sized = new Bands(0.5, 500);
        Bands small = new Bands(0.5);
        for (int item = 0; item < 500; item++) {
            long[] keys = keys(random, pool, 1 + random.nextInt(65));
            long[] query = keys(random, pool, 1 + random.nextInt(65));
            assertThat(sized.candidates(query)).isEqualTo(small.candidates(query));
            sized.add(keys, item);
            small.add(keys, item);
        }
    }

    @Test
    void anEmptySignatureHasNoKeysAndMatchesNothing() {
        Bands bands = new Bands(0.8);
        long[] signature = MinHash.signature("the invoice total is due on the first of july");
        long[] keys = bands.keys(signature);
        bands.add(keys, 0);

        assertThat(keys).hasSize(26);
        assertThat(bands.keys(new long[0])).isEmpty();
        assertThat(bands.candidates(bands.keys(new long[0]))).isEmpty();
        assertThat(bands.candidates(keys)).containsExactly(0);
        assertThat(bands.candidates(new long[] {keys[0] + 1})).isEmpty();
    }
}
