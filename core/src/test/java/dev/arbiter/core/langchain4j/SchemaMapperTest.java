package dev.arbiter.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.ResponseSchema;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import org.junit.jupiter.api.Test;

/** The response format sent for a response schema. */
class SchemaMapperTest {

    private static final String INVOICE = "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"number\"}}}";

    @Test
    void theSameSchemaInstanceIsMappedOnceAndAnEqualCopyToAnEqualFormat() {
        ResponseSchema schema = ResponseSchema.of("invoice", INVOICE);

        ResponseFormat first = SchemaMapper.toResponseFormat(schema);

        assertThat(SchemaMapper.toResponseFormat(schema)).isSameAs(first);
        ResponseFormat copy = SchemaMapper.toResponseFormat(ResponseSchema.of("invoice", INVOICE));
        assertThat(copy).isNotSameAs(first).isEqualTo(first);
        assertThat(((JsonRawSchema) first.jsonSchema().rootElement()).schema()).isEqualTo(INVOICE);
    }

    @Test
    void anotherSchemaGetsItsOwnFormat() {
        ResponseFormat invoice = SchemaMapper.toResponseFormat(ResponseSchema.of("invoice", INVOICE));
        ResponseFormat other = SchemaMapper.toResponseFormat(ResponseSchema.of("other", "{\"type\":\"object\"}"));

        assertThat(other.jsonSchema().name()).isEqualTo("other");
        assertThat(invoice.jsonSchema().name()).isEqualTo("invoice");
    }
}
