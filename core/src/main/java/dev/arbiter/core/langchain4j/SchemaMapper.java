package dev.arbiter.core.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.ResponseSchema;
import dev.arbiter.core.internal.Json;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts JSON Schemas between Arbiter (plain JSON) and langchain4j ({@link JsonSchemaElement}) without losing
 * keywords where langchain4j can carry them: every property, definition and response schema travels as a
 * {@link JsonRawSchema}, which langchain4j's provider modules send verbatim.
 */
final class SchemaMapper {

    private SchemaMapper() {}

    /** Returns the response format that asks for JSON following the schema, the schema sent verbatim. */
    static ResponseFormat toResponseFormat(ResponseSchema schema) {
        LastFormat last = lastFormat;
        if (last != null && last.schema() == schema) {
            return last.format(); // a response schema is immutable: a composer sends the same instance every time
        }
        ResponseFormat format = mapResponseFormat(schema);
        lastFormat = new LastFormat(schema, format);
        return format;
    }

    /** The response schema mapped last and its format. */
    private record LastFormat(ResponseSchema schema, ResponseFormat format) {}

    private static volatile @Nullable LastFormat lastFormat;

    private static ResponseFormat mapResponseFormat(ResponseSchema schema) {
        JsonSchema jsonSchema = JsonSchema.builder()
                .name(schema.name())
                .rootElement(JsonRawSchema.from(write(schema.schema())))
                .build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(jsonSchema).build();
    }

    /**
     * Returns the parameters of a tool as the object schema langchain4j requires: description, properties (each
     * verbatim), required, a boolean additionalProperties and $defs (each verbatim). Other top-level keywords
     * cannot be carried by langchain4j and are dropped.
     *
     * @throws IllegalArgumentException if the schema declares a type other than object or is malformed
     */
    static JsonObjectSchema toParameters(String toolName, JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && !(type.isTextual() && type.asText().equals("object"))) {
            throw new IllegalArgumentException("parameters of tool '" + toolName
                    + "' must be a JSON Schema of type object, was type " + type);
        }
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
        JsonNode description = schema.get("description");
        if (description != null && description.isTextual()) {
            builder.description(description.asText());
        }
        builder.addProperties(rawMembers(toolName, "properties", schema.get("properties")));
        builder.required(required(toolName, schema.get("required")));
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isBoolean()) {
            builder.additionalProperties(additional.booleanValue());
        }
        Map<String, JsonSchemaElement> defs = rawMembers(toolName, "$defs", schema.get("$defs"));
        if (!defs.isEmpty()) {
            builder.definitions(defs);
        }
        return builder.build();
    }

    private static Map<String, JsonSchemaElement> rawMembers(String toolName, String keyword, JsonNode node) {
        Map<String, JsonSchemaElement> members = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return members;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "'" + keyword + "' of tool '" + toolName + "' must be an object, was " + node.getNodeType());
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            members.put(field.getKey(), raw(toolName, keyword + "/" + field.getKey(), field.getValue()));
        }
        return members;
    }

    private static JsonRawSchema raw(String toolName, String where, JsonNode schema) {
        if (schema.isBoolean()) {
            // Boolean schemas: true accepts anything ({}), false accepts nothing ({"not": {}}).
            ObjectNode object = Json.MAPPER.createObjectNode();
            if (!schema.booleanValue()) {
                object.putObject("not");
            }
            return JsonRawSchema.from(write(object));
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("schema at '" + where + "' of tool '" + toolName
                    + "' must be an object or a boolean, was " + schema.getNodeType());
        }
        return JsonRawSchema.from(write(schema));
    }

    private static List<String> required(String toolName, JsonNode node) {
        List<String> required = new ArrayList<>();
        if (node == null || node.isNull()) {
            return required;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(
                    "'required' of tool '" + toolName + "' must be an array, was " + node.getNodeType());
        }
        for (JsonNode name : node) {
            if (!name.isTextual()) {
                throw new IllegalArgumentException(
                        "'required' of tool '" + toolName + "' must hold strings, found " + name.getNodeType());
            }
            required.add(name.asText());
        }
        return required;
    }

    /**
     * Returns the JSON Schema of a langchain4j schema element. An empty {@code required} list is omitted.
     *
     * @throws IllegalArgumentException for an element type this adapter does not know, or a raw schema that
     *     is not a JSON object
     */
    static ObjectNode toJson(JsonSchemaElement element) {
        if (element instanceof JsonRawSchema raw) {
            JsonNode parsed = Json.parse(raw.schema(), "raw JSON schema");
            if (!parsed.isObject()) {
                throw new IllegalArgumentException("raw JSON schema must be an object, was " + parsed.getNodeType());
            }
            return (ObjectNode) parsed;
        }
        if (element instanceof JsonObjectSchema object) {
            return objectToJson(object);
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (element instanceof JsonArraySchema array) {
            node.put("type", "array");
            if (array.items() != null) {
                node.set("items", toJson(array.items()));
            }
        } else if (element instanceof JsonEnumSchema enumSchema) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            enumSchema.enumValues().forEach(values::add);
        } else if (element instanceof JsonStringSchema) {
            node.put("type", "string");
        } else if (element instanceof JsonIntegerSchema) {
            node.put("type", "integer");
        } else if (element instanceof JsonNumberSchema) {
            node.put("type", "number");
        } else if (element instanceof JsonBooleanSchema) {
            node.put("type", "boolean");
        } else if (element instanceof JsonNullSchema) {
            node.put("type", "null");
        } else if (element instanceof JsonReferenceSchema reference) {
            node.put("$ref", "#/$defs/" + reference.reference());
        } else if (element instanceof JsonAnyOfSchema anyOf) {
            ArrayNode alternatives = node.putArray("anyOf");
            anyOf.anyOf().forEach(alternative -> alternatives.add(toJson(alternative)));
        } else {
            throw new IllegalArgumentException("unknown JSON schema element " + element.getClass().getName());
        }
        if (element.description() != null) {
            node.put("description", element.description());
        }
        return node;
    }

    private static ObjectNode objectToJson(JsonObjectSchema object) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "object");
        if (object.description() != null) {
            node.put("description", object.description());
        }
        ObjectNode properties = node.putObject("properties");
        object.properties().forEach((name, property) -> properties.set(name, toJson(property)));
        if (object.required() != null && !object.required().isEmpty()) {
            ArrayNode required = node.putArray("required");
            object.required().forEach(required::add);
        }
        if (object.additionalProperties() != null) {
            node.put("additionalProperties", object.additionalProperties());
        }
        if (object.definitions() != null && !object.definitions().isEmpty()) {
            ObjectNode defs = node.putObject("$defs");
            object.definitions().forEach((name, definition) -> defs.set(name, toJson(definition)));
        }
        return node;
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON schema cannot be written: " + e.getOriginalMessage(), e);
        }
    }
}
