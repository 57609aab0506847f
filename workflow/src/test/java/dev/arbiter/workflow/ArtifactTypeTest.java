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
}
