package dev.arbiter.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.workflow.Fixtures.Invoice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactTypeTest {

    @Test
    void recordsRoundTripThroughJson() {
        ArtifactType<Invoice> type = ArtifactType.of(Invoice.class);
        assertThat(type.fromJson(type.toJson(new Invoice("A-1", 2.5)))).isEqualTo(new Invoice("A-1", 2.5));
    }

    @Test
    void listsKeepTheirElementType() {
        ArtifactType<List<Invoice>> type = ArtifactType.listOf(Invoice.class);
        List<Invoice> value = List.of(new Invoice("A-1", 1), new Invoice("A-2", 2));
        assertThat(type.fromJson(type.toJson(value))).isEqualTo(value);
    }

    @Test
    void textIsTheModelOutputAsIs() {
        assertThat(ArtifactType.text().fromModelOutput("{\"not\": \"parsed\"}")).isEqualTo("{\"not\": \"parsed\"}");
        assertThat(ArtifactType.text().fromJson(ArtifactType.text().toJson("line\n\"quoted\""))).isEqualTo("line\n\"quoted\"");
    }

    @Test
    void outputThatDoesNotBindNamesTheType() {
        assertThatThrownBy(() -> ArtifactType.of(Invoice.class).fromModelOutput("{\"number\":\"A\",\"total\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invoice");
    }

    @Test
    void regressionANumberBeyondTheRangeOfADoubleIsRefusedInsteadOfBoundAsInfinity() {
        ArtifactType<Invoice> type = ArtifactType.of(Invoice.class);
        for (String total : List.of("1e400", "-1e400", "1e999999999")) {
            assertThatThrownBy(() -> type.fromModelOutput("{\"number\":\"A-1\",\"total\":" + total + "}"))
                    .as(total).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/total is out of the range of its Java type");
        }
        assertThat(type.fromModelOutput("{\"number\":\"A-1\",\"total\":1.7e308}").total()).isEqualTo(1.7e308);
    }

    @Test
    void regressionAnUnpairedSurrogateIsRefusedBecauseACheckpointWouldChangeIt() {
        ArtifactType<Invoice> type = ArtifactType.of(Invoice.class);
        assertThatThrownBy(() -> type.fromModelOutput("{\"number\":\"A-\\uD800\",\"total\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/number has an unpaired UTF-16 surrogate at character 2");
        assertThatThrownBy(() -> type.fromModelOutput("{\"number\":\"A-\uDC00\",\"total\":1}"))
                .hasMessageContaining("/number has an unpaired UTF-16 surrogate");
        assertThatThrownBy(() -> ArtifactType.text().fromModelOutput("ok \uD83D"))
                .hasMessageContaining("unpaired UTF-16 surrogate at character 3");
        assertThat(type.fromModelOutput("{\"number\":\"A-\uD83D\uDE00\",\"total\":1}").number())
                .isEqualTo("A-\uD83D\uDE00");
    }

    @Test
    void modelOutputIsBoundWithinTheJsonLimitsAndTheMessageNamesTheLimitBroken() {
        ArtifactType<Invoice> tight = ArtifactType.of(Invoice.class).withJsonLimits(dev.arbiter.core.JsonLimits.defaults()
                .withMaxNumberLength(5).withMaxStringLength(8).withMaxDocumentChars(40));
        assertThat(tight.fromModelOutput("{\"number\":\"INV-0001\",\"total\":12345}").total()).isEqualTo(12345);
        assertThatThrownBy(() -> tight.fromModelOutput("{\"number\":\"INV-0001\",\"total\":123456}"))
                .hasMessageContaining("maxNumberLength = 5");
        assertThatThrownBy(() -> tight.fromModelOutput("{\"number\":\"INV-00001\",\"total\":1}"))
                .hasMessageContaining("maxStringLength = 8");
        assertThatThrownBy(() -> tight.fromModelOutput("{\"number\":\"INV-1\",\"total\":1}" + " ".repeat(20)))
                .hasMessageContaining("maxDocumentChars = 40");
        ArtifactType<Object> anything = ArtifactType.of(Object.class);
        assertThat(anything.withJsonLimits(dev.arbiter.core.JsonLimits.defaults().withMaxDepth(3))
                .fromModelOutput("{\"a\":[[1]]}")).isEqualTo(java.util.Map.of("a", List.of(List.of(1))));
        assertThatThrownBy(() -> anything.withJsonLimits(dev.arbiter.core.JsonLimits.defaults().withMaxDepth(3))
                .fromModelOutput("{\"a\":[[[1]]]}")).hasMessageContaining("maxDepth = 3");
        assertThatThrownBy(() -> anything.fromModelOutput("[".repeat(1_001) + "]".repeat(1_001)))
                .hasMessageContaining("maxDepth = 1000");
    }
}
