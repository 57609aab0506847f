package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.FailureMode.Layer;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureModeTest {

    /** The failure taxonomy of the architecture: mode, layer, and whether its default remedy is another attempt. */
    private static final String[] TAXONOMY = {
        "UNDERSPECIFIED,       STEERING,  false",
        "CONSTRAINT_CONFLICT,  STEERING,  false",
        "CONTEXT_MISSING,      STEERING,  true",
        "RETRIEVAL_WRONG,      STEERING,  true",
        "CONTEXT_OVERFLOW,     STEERING,  true",
        "SCHEMA_VIOLATION,     AUTHORITY, true",
        "HALLUCINATION,        AUTHORITY, true",
        "POLICY_VIOLATION,     AUTHORITY, false",
        "VERIFIER_ERROR,       AUTHORITY, false",
        "REFUSAL,              PROVIDER,  false",
        "TRUNCATED,            PROVIDER,  true",
        "CONTENT_FILTERED,     PROVIDER,  false",
        "PROVIDER_UNAVAILABLE, PROVIDER,  true",
        "PROVIDER_REJECTED,    PROVIDER,  false",
        "TOOL_MISDECLARED,     TOOL,      true",
        "TOOL_FAILED,          TOOL,      true",
        "BUDGET_EXCEEDED,      WORKFLOW,  false",
    };

    static Stream<Arguments> taxonomy() {
        return Stream.of(TAXONOMY).map(row -> row.split(",")).map(cells -> Arguments.of(
                FailureMode.valueOf(cells[0].strip()), Layer.valueOf(cells[1].strip()),
                Boolean.parseBoolean(cells[2].strip())));
    }

    @ParameterizedTest(name = "{0} belongs to {1}, retriable: {2}")
    @MethodSource("taxonomy")
    void everyModeHasTheLayerAndRetriabilityOfTheTaxonomy(FailureMode mode, Layer layer, boolean retriable) {
        assertThat(mode.layer()).isEqualTo(layer);
        assertThat(mode.retriable()).isEqualTo(retriable);
    }

    @Test
    void theTaxonomyTableListsEveryModeExactlyOnce() {
        Set<FailureMode> listed = taxonomy().map(a -> (FailureMode) a.get()[0]).collect(Collectors.toSet());
        assertThat(TAXONOMY).hasSize(FailureMode.values().length);
        assertThat(listed).isEqualTo(EnumSet.allOf(FailureMode.class));
    }

    @Test
    void everyLayerHasAtLeastOneMode() {
        Set<Layer> used = Stream.of(FailureMode.values()).map(FailureMode::layer).collect(Collectors.toSet());
        assertThat(used).isEqualTo(EnumSet.allOf(Layer.class));
    }

    @Test
    void finishReasonsSignalTheProviderModesForTheirEnding() {
        assertThat(FinishReason.LENGTH.failureMode()).contains(FailureMode.TRUNCATED);
        assertThat(FinishReason.CONTENT_FILTER.failureMode()).contains(FailureMode.CONTENT_FILTERED);
        assertThat(FinishReason.REFUSAL.failureMode()).contains(FailureMode.REFUSAL);
        assertThat(FinishReason.STOP.failureMode()).isEmpty();
        assertThat(FinishReason.TOOL_CALLS.failureMode()).isEmpty();
        assertThat(FinishReason.OTHER.failureMode()).isEmpty();
    }
}
