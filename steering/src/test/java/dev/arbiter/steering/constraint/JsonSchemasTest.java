package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.arbiter.core.ResponseSchema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSchemasTest {

    enum Status { OPEN, PAID }

    record Address(String street, String city) {}

    record Line(String description, int quantity, BigDecimal unitPrice) {}

    record Invoice(UUID id, String supplier, LocalDate due, OffsetDateTime issued, Status status, List<Line> lines,
            Set<String> tags, Map<String, Integer> counts, Optional<String> note, @Nullable Address billing,
            long[] refs, boolean paid) {}

    record Node(String name, List<Node> children) {}

    record Wrapper(Node root) {}

    static final class Pojo {
        static int ignoredStatic;
        transient int ignoredTransient;
        private String name = "";
        private double amount;
    }

    record Generic<T>(T value) {}

    record HasGeneric(Generic<String> g) {}

    record HasObject(Object anything) {}

    record HasIntKeys(Map<Integer, String> byId) {}

    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void recordBecomesAClosedObjectWithEveryNonOptionalMemberRequired() {
        JsonNode s = JsonSchemas.forType(Invoice.class).schema();

        assertThat(s.get("type").asText()).isEqualTo("object");
        assertThat(s.get("additionalProperties").booleanValue()).isFalse();
        assertThat(s.get("required")).extracting(JsonNode::asText).containsExactly("id", "supplier", "due", "issued",
                "status", "lines", "tags", "counts", "refs", "paid");
        assertThat(s.at("/properties/id/format").asText()).isEqualTo("uuid");
        assertThat(s.at("/properties/due/format").asText()).isEqualTo("date");
        assertThat(s.at("/properties/issued/format").asText()).isEqualTo("date-time");
        assertThat(s.at("/properties/status/enum")).extracting(JsonNode::asText).containsExactly("OPEN", "PAID");
        assertThat(s.at("/properties/lines/items/$ref").asText()).isEqualTo("#/$defs/Line");
        assertThat(s.at("/$defs/Line/properties/unitPrice/type").asText()).isEqualTo("number");
        assertThat(s.at("/$defs/Line/properties/quantity/type").asText()).isEqualTo("integer");
        assertThat(s.at("/properties/tags/uniqueItems").booleanValue()).isTrue();
        assertThat(s.at("/properties/counts/additionalProperties/type").asText()).isEqualTo("integer");
        assertThat(s.at("/properties/note/type")).isEqualTo(M.createArrayNode().add("string").add("null"));
        assertThat(s.at("/properties/billing/anyOf/0/$ref").asText()).isEqualTo("#/$defs/Address");
        assertThat(s.at("/properties/refs/items/type").asText()).isEqualTo("integer");
    }

    @Test
    void generatedSchemaValidatesWhatJacksonWritesForARecord() throws Exception {
        M.findAndRegisterModules();
        ResponseSchema schema = JsonSchemas.forType(Line.class);
        JsonNode written = M.valueToTree(new Line("Widget", 2, new BigDecimal("9.99")));
        var validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema.schema());

        assertThat(validator.validate(written)).isEmpty();
        assertThat(validator.validate(M.readTree("{\"description\":\"x\",\"quantity\":\"two\",\"unitPrice\":1}")))
                .isNotEmpty();
    }

    @Test
    void recursiveRecordsReferToTheirDefinition() {
        JsonNode node = JsonSchemas.forType(Node.class).schema();
        JsonNode wrapper = JsonSchemas.forType(Wrapper.class).schema();

        assertThat(node.at("/properties/children/items/$ref").asText()).isEqualTo("#/$defs/Node");
        assertThat(node.at("/$defs/Node/properties/name/type").asText()).isEqualTo("string");
        assertThat(wrapper.at("/properties/root/$ref").asText()).isEqualTo("#/$defs/Node");
        assertThat(wrapper.has("$defs")).isTrue();
        assertThat(wrapper.at("/$defs/Wrapper").isMissingNode()).as("the root is not referenced").isTrue();
    }

    @Test
    void generatedSchemasConvertToOpenAiStrictMode() {
        ProviderSchema p = ProviderSchemas.toOpenAiStrict(JsonSchemas.forType(Node.class));

        assertThat(p).isInstanceOf(ProviderSchema.Converted.class);
        assertThat(StrictSchemaChecker.violations(((ProviderSchema.Converted) p).schema())).isEmpty();
    }

    @Test
    void classFieldsAreReadWithoutStaticOrTransientOnes() {
        JsonNode s = JsonSchemas.forType(Pojo.class).schema();

        assertThat(s.get("properties").fieldNames()).toIterable().containsExactly("name", "amount");
    }

    @Test
    void unsupportedTypesFailNamingTheMember() {
        assertThatThrownBy(() -> JsonSchemas.forType(HasGeneric.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HasGeneric.g");
        assertThatThrownBy(() -> JsonSchemas.forType(HasObject.class))
                .hasMessageContaining("java.lang.Object").hasMessageContaining("HasObject.anything");
        assertThatThrownBy(() -> JsonSchemas.forType(HasIntKeys.class))
                .hasMessageContaining("keys are not String");
        assertThatThrownBy(() -> JsonSchemas.forType(String.class)).hasMessageContaining("record or class");
    }

    @Test
    void schemaTextAndFilesAreCompiledAndNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("my invoice.schema.json"), "{\"type\":\"object\"}");

        assertThat(JsonSchemas.read(file).name()).isEqualTo("my_invoice_schema");
        assertThat(JsonSchemas.of("x", "{\"type\":\"string\"}").schema().get("type").asText()).isEqualTo("string");
        assertThatThrownBy(() -> JsonSchemas.of("bad", "{\"type\":\"object\",\"properties\":{\"a\":"
                + "{\"$ref\":\"#/nowhere\"}}}")).hasMessageContaining("'bad' does not compile");
        assertThatThrownBy(() -> JsonSchemas.of("broken", "{\"type\":")).hasMessageContaining("not valid JSON");
    }
}
