package dev.arbiter.eval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.arbiter.core.CanonicalJson;
import java.util.Optional;

/** The Jackson mappers of the eval module and small helpers around them. Thread-safe. */
public final class Json {

    /** Numbers with decimals read as BigDecimal so nothing is rounded; trailing tokens are an error. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** As {@link #MAPPER}, and a member named twice in one object is an error (two readers could take either). */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Pretty printing with a stable member order for files meant to be diffed. */
    public static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    /** YAML, read into the same tree model. */
    public static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /**
     * Parses JSON text.
     *
     * @param what names the text in the error message
     * @throws IllegalArgumentException naming {@code what}, the line and the column when the text is not JSON
     */
    public static JsonNode parse(String text, String what) {
        return parse(MAPPER, text, what);
    }

    /**
     * Parses JSON text in which no object names a member twice.
     *
     * @throws IllegalArgumentException naming {@code what}, the line and the column when the text is not JSON or
     *     names a member twice
     */
    public static JsonNode parseStrict(String text, String what) {
        return parse(STRICT, text, what);
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String what) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"), e);
        }
    }

    /** Parses JSON text, or returns empty when it is not JSON. */
    public static Optional<JsonNode> tryParse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns the text of a value: a JSON string's text, or the canonical JSON of anything else. */
    public static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : CanonicalJson.write(value);
    }

    /** Writes a tree as pretty JSON. */
    public static String pretty(JsonNode value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
