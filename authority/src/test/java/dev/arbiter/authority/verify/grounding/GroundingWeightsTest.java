package dev.arbiter.authority.verify.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundingWeightsTest {

    private final GroundingWeights weights = new GroundingWeights(-1, Map.of(Kind.UNSUPPORTED_NUMBER, 2.0));

    @Test
    void aFiredSignalLowersTheScore() {
        assertThat(weights.score(Map.of())).isGreaterThan(0.5);
        assertThat(weights.score(Map.of(Kind.UNSUPPORTED_NUMBER, 1.0))).isLessThan(0.5);
    }

    @Test
    void signalValuesAreCapped() {
        assertThat(weights.logit(Map.of(Kind.UNSUPPORTED_NUMBER, 100.0)))
                .isEqualTo(-1 + 2 * GroundingWeights.CAP);
    }

    @Test
    void unweightedSignalsDoNotMove() {
        assertThat(weights.score(Map.of(Kind.ROLE_SWAP, 1.0))).isEqualTo(weights.score(Map.of()));
    }

    @Test
    void theDefaultsWeighEverySignalNonNegatively() {
        assertThat(GroundingWeights.defaults().weights().values()).allMatch(w -> w >= 0);
        assertThat(GroundingWeights.defaults().score(Map.of())).isGreaterThan(GroundingJudge.DEFAULT_THRESHOLD);
    }
}
