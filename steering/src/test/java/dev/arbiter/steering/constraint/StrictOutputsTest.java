package dev.arbiter.steering.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrictOutputsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    private static final String INVOICE = """
            {"type":"object","required":["number","lines"],
             "properties":{
               "number":{"type":"string"},
               "note":{"type":"string"},
               "discount":{"type":["number","null"]},
               "lines":{"type":"array","items":{"$ref":"#/$defs/line"}}},
             "$defs":{"line":{"type":"object","required":["sku"],
               "properties":{"sku":{"type":"string"},"comment":{"type":"string"}}}}}
            """;

    @Test
    void nullsThatStandForAbsentOptionalPropertiesAreRemovedAtEveryDepth() throws Exception {
        JsonNode restored = StrictOutputs.restoreAbsent(json(INVOICE),
                json("{\"number\":\"4711\",\"note\":null,\"discount\":null,\"lines\":[{\"sku\":\"A\",\"comment\":null}]}"));

        assertThat(restored).isEqualTo(json("{\"number\":\"4711\",\"discount\":null,\"lines\":[{\"sku\":\"A\"}]}"));
    }

    @Test
    void aNullForARequiredPropertyIsKeptSoVerificationStillFailsIt() throws Exception {
        JsonNode output = json("{\"number\":null,\"lines\":[]}");

        assertThat(StrictOutputs.restoreAbsent(json(INVOICE), output)).isEqualTo(output);
    }

    @Test
    void theOutputOfTheStrictSchemaBecomesValidUnderTheFullOne() throws Exception {
        JsonNode full = json(INVOICE);
        ProviderSchema strict = ProviderSchemas.toOpenAiStrict(full);
        assertThat(strict).isInstanceOf(ProviderSchema.Converted.class);
        assertThat(((ProviderSchema.Converted) strict).relaxations())
                .anyMatch(r -> r.kind() == ProviderSchema.Relaxation.Kind.NULLABLE);

        JsonNode strictAnswer = json("{\"number\":\"9\",\"note\":null,\"discount\":null,\"lines\":[{\"sku\":\"B\",\"comment\":null}]}");
        var schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(full);

        assertThat(schema.validate(strictAnswer)).isNotEmpty();
        assertThat(schema.validate(StrictOutputs.restoreAbsent(full, strictAnswer))).isEmpty();
    }

    @Test
    void theInputIsNotChanged() throws Exception {
        JsonNode output = json("{\"number\":\"1\",\"note\":null,\"lines\":[]}");

        StrictOutputs.restoreAbsent(json(INVOICE), output);

        assertThat(output.has("note")).isTrue();
    }
}
