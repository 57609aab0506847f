package dev.arbiter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The slots of recent mappers only ever answer the mapper the map holds for the same base and limits. */
class LimitedJsonTest {

    @Test
    void recentSlotsAnswerTheMapOfMappers() {
        ObjectMapper[] bases = {new ObjectMapper(), new ObjectMapper(), new ObjectMapper()};
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            ObjectMapper base = bases[random.nextInt(bases.length)];
            int depth = 1 + random.nextInt(6);
            int number = 1 + random.nextInt(6);
            int string = 1 + random.nextInt(6);
            ObjectMapper got = LimitedJson.mapper(base, depth, number, string);
            assertThat(got).isSameAs(LimitedJson.cached(base, depth, number, string)).isNotSameAs(base);
            assertThat(got.getFactory().streamReadConstraints().getMaxNestingDepth()).isEqualTo(depth);
            assertThat(got.getFactory().streamReadConstraints().getMaxNumberLength()).isEqualTo(number);
            assertThat(got.getFactory().streamReadConstraints().getMaxStringLength()).isEqualTo(string);
        }
    }
}
