package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputSpecTest {

    private static final ToolSpec LOOKUP = ToolSpec.of("lookup", "Looks a customer up.",
            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}");

    @Test
    void defaultSpecIsFreeTextWithoutLimits() {
        OutputSpec spec = OutputSpec.builder().build();

        assertThat(spec.responseSchema()).isEmpty();
        assertThat(spec.citations()).isEmpty();
        assertThat(spec.budget()).isEqualTo(Budget.unlimited());
        assertThat(spec.stopConditions()).isEqualTo(StopConditions.none());
        assertThat(spec.tools()).isEmpty();
    }

    @Test
    void citationsWithoutASchemaUseTheCitationShape() {
        OutputSpec spec = OutputSpec.builder().citations(CitationRule.everyClaim()).build();

        assertThat(spec.schema()).isEmpty();
        assertThat(spec.responseSchema()).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo(CitationRule.SCHEMA_NAME);
            assertThat(s.schema().at("/properties/claims/items/properties/citations/items/required"))
                    .extracting(n -> n.asText()).containsExactly("source", "quote");
        });
    }

    @Test
    void citationsWithASchemaLackingClaimsAreRejected() {
        OutputSpec.Builder b = OutputSpec.builder().citations(CitationRule.everyClaim())
                .schema(JsonSchemas.of("answer", "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}"));

        assertThatThrownBy(b::build).hasMessageContaining("'answer'").hasMessageContaining("claims");
    }

    @Test
    void toolsAreKeptInOrderAndNamesMustBeUnique() {
        OutputSpec.Builder b = OutputSpec.builder().tool(LOOKUP);

        assertThat(b.build().tools()).containsExactly(LOOKUP);
        assertThatThrownBy(() -> b.tool(LOOKUP)).hasMessageContaining("'lookup' is offered twice");
    }

    @Test
    void toBuilderCopiesEveryPart() {
        OutputSpec spec = OutputSpec.builder().citations(new CitationRule(0.5)).tool(LOOKUP)
                .budget(Budget.builder().attempts(2).build())
                .stopConditions(StopConditions.sequences(List.of("END")).withMaxOutputTokens(100)).build();

        OutputSpec copy = spec.toBuilder().build();

        assertThat(copy.citations()).isEqualTo(spec.citations());
        assertThat(copy.tools()).isEqualTo(spec.tools());
        assertThat(copy.budget()).isEqualTo(spec.budget());
        assertThat(copy.stopConditions()).isEqualTo(spec.stopConditions());
    }
}
