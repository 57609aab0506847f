package dev.arbiter.authority.verify.grounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundingFitTest {

    private static GroundingFit.Example example(boolean consistent, Map<Kind, Double> worst) {
        return new GroundingFit.Example(List.of(Map.of(), worst), consistent);
    }

    @Test
    void aSignalThatSeparatesTheClassesGetsWeightAndDecidesAtHalf() {
        List<GroundingFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            examples.add(example(false, Map.of(Kind.UNSUPPORTED_NUMBER, 1.0, Kind.NOVEL_CONTENT, 0.3)));
            examples.add(example(true, Map.of(Kind.NOVEL_CONTENT, 0.3)));
        }
        GroundingWeights w = GroundingFit.fit(examples, EnumSet.allOf(Kind.class));
        assertThat(w.weight(Kind.UNSUPPORTED_NUMBER)).isGreaterThan(0.5);
        assertThat(w.score(Map.of(Kind.UNSUPPORTED_NUMBER, 1.0, Kind.NOVEL_CONTENT, 0.3))).isLessThan(0.5);
        assertThat(w.score(Map.of(Kind.NOVEL_CONTENT, 0.3))).isGreaterThan(0.5);
    }

    @Test
    void signalsAreNeverWeightedInFavourOfSupport() {
        List<GroundingFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            examples.add(example(true, Map.of(Kind.MODALITY, 1.0)));
            examples.add(example(false, Map.of()));
        }
        GroundingWeights w = GroundingFit.fit(examples, EnumSet.allOf(Kind.class));
        assertThat(w.weights().values()).allMatch(v -> v >= 0);
    }

    @Test
    void signalsLeftOutWeighNothing() {
        List<GroundingFit.Example> examples = List.of(
                example(false, Map.of(Kind.ANTONYM, 1.0)), example(true, Map.of()));
        GroundingWeights w = GroundingFit.fit(examples, EnumSet.of(Kind.UNSUPPORTED_NUMBER));
        assertThat(w.weight(Kind.ANTONYM)).isZero();
    }

    @Test
    void fittingNeedsBothClasses() {
        assertThatThrownBy(() -> GroundingFit.fit(List.of(example(true, Map.of())), EnumSet.allOf(Kind.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    }
}
