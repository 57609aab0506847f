package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "dot.ted", "\u00e9t\u00e9",
        "a2345678901234567890123456789012345678901234567890123456789012345"})
    void rejectsNamesProvidersDoNotAccept(String name) {
        assertThatThrownBy(() -> ResponseSchema.of(name, "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response schema name must match [A-Za-z0-9_-]{1,64}, was '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice", "Invoice_v2", "a-b", "a234567890123456789012345678901234567890123456789012345678901234"})
    void acceptsLettersDigitsUnderscoresAndHyphensUpTo64(String name) {
        assertThat(ResponseSchema.of(name, "{}").name()).isEqualTo(name);
    }

    @Test
    void rejectsASchemaThatIsNotAnObjectNamingIt() {
        assertThatThrownBy(() -> ResponseSchema.of("invoice", "true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response schema 'invoice' must be a JSON object, was BOOLEAN");
        assertThatThrownBy(() -> ResponseSchema.of("invoice", "{"))
                .hasMessageStartingWith("response schema 'invoice' is not valid JSON: ");
    }

    @Test
    void theSchemaCannotBeChangedFromOutside() {
        ResponseSchema schema = ResponseSchema.of("invoice", "{\"type\":\"object\"}");
        ((ObjectNode) schema.schema()).put("type", "array");

        assertThat(schema.schema().get("type").textValue()).isEqualTo("object");
    }

    @Test
    void schemasThatDifferOnlyInKeyOrderOrNumberSpellingAreEqual() {
        ResponseSchema a = ResponseSchema.of("s", "{\"type\":\"number\",\"minimum\":0}");
        ResponseSchema b = ResponseSchema.of("s", "{\"minimum\":0.0,\"type\":\"number\"}");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ResponseSchema.of("t", "{\"type\":\"number\",\"minimum\":0}"));
        assertThat(a).isNotEqualTo(ResponseSchema.of("s", "{\"type\":\"number\",\"minimum\":1}"));
    }
}
