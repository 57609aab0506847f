package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ToolSpecTest {

    @Test
    void readsItsParameterSchemaFromJsonText() {
        ToolSpec tool = ToolSpec.of("search", "Searches.", "{\"type\":\"object\"}");

        assertThat(tool.parameters().get("type").textValue()).isEqualTo("object");
    }

    @Test
    void rejectsABlankName() {
        assertThatThrownBy(() -> ToolSpec.of(" ", "d", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tool name must not be blank");
    }

    @Test
    void rejectsParametersThatAreNotAnObjectNamingTheTool() {
        assertThatThrownBy(() -> ToolSpec.of("search", "d", "[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameters of tool 'search' must be a JSON Schema object, was ARRAY");
    }

    @Test
    void rejectsParametersThatAreNotJsonNamingTheTool() {
        assertThatThrownBy(() -> ToolSpec.of("search", "d", "{type:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameters of tool 'search' is not valid JSON: ");
    }

    @Test
    void theSchemaCannotBeChangedFromOutside() {
        ObjectNode schema = (ObjectNode) JsonCodec.parse("{\"type\":\"object\"}", "schema");
        ToolSpec tool = new ToolSpec("search", "d", schema);
        schema.put("type", "array");
        ((ObjectNode) tool.parameters()).put("type", "string");

        assertThat(tool.parameters().get("type").textValue()).isEqualTo("object");
    }

    @Test
    void specsWhoseSchemasDifferOnlyInKeyOrderOrNumberSpellingAreEqual() {
        ToolSpec a = ToolSpec.of("t", "d", "{\"type\":\"object\",\"maxProperties\":2}");
        ToolSpec b = ToolSpec.of("t", "d", "{\"maxProperties\":2.0,\"type\":\"object\"}");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ToolSpec.of("t", "d", "{\"type\":\"object\",\"maxProperties\":3}"));
        assertThat(a).isNotEqualTo(ToolSpec.of("t", "other", "{\"type\":\"object\",\"maxProperties\":2}"));
    }
}
