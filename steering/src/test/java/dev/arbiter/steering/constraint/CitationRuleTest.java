package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationRuleTest {

    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void citationShapeAcceptsCitedClaimsAndRejectsOtherShapes() throws Exception {
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(CitationRule.everyClaim().outputSchema(List.of("invoice-4711")).schema());

        assertThat(schema.validate(M.readTree("{\"claims\":[{\"text\":\"Due 31 July.\",\"citations\":"
                + "[{\"source\":\"invoice-4711\",\"quote\":\"due 2024-07-31\"}]}]}"))).isEmpty();
        assertThat(schema.validate(M.readTree("{\"claims\":[{\"text\":\"x\",\"citations\":"
                + "[{\"source\":\"other\",\"quote\":\"q\"}]}]}"))).as("unknown source id").isNotEmpty();
        assertThat(schema.validate(M.readTree("{\"claims\":[{\"text\":\"x\"}]}"))).as("no citations").isNotEmpty();
    }

    @Test
    void shareMustBeBetweenZeroAndOne() {
        assertThatThrownBy(() -> new CitationRule(1.5)).hasMessageContaining("minCitedShare");
        assertThatThrownBy(() -> new CitationRule(Double.NaN)).hasMessageContaining("minCitedShare");
        assertThat(new CitationRule(0).minCitedShare()).isZero();
    }

    @Test
    void instructionsStateTheShare() {
        assertThat(CitationRule.everyClaim().instructions()).contains("Every claim").contains("verbatim");
        assertThat(new CitationRule(0.8).instructions()).contains("At least 80% of the claims");
    }
}
