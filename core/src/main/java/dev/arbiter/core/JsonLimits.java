package dev.arbiter.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.internal.Json;
import dev.arbiter.core.internal.LimitedJson;
import java.util.Optional;

/**
 * The limits Arbiter applies when it parses JSON that a model wrote: its output (read by the JSON verifiers and
 * bound by {@code ArtifactType}) and the arguments of its tool calls (read by the permission envelope). JSON past a
 * limit is refused before or while it is parsed, with a message that names the limit, so one bad answer costs
 * bounded time and memory.
 *
 * <table>
 *   <caption>Limits and their defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>{@code maxDocumentChars}</td><td>{@value #DEFAULT_MAX_DOCUMENT_CHARS}</td><td>the whole text, in
 *       UTF-16 characters</td></tr>
 *   <tr><td>{@code maxDepth}</td><td>{@value #DEFAULT_MAX_DEPTH}</td><td>nesting of arrays and objects</td></tr>
 *   <tr><td>{@code maxNumberLength}</td><td>{@value #DEFAULT_MAX_NUMBER_LENGTH}</td><td>the characters of one
 *       number</td></tr>
 *   <tr><td>{@code maxStringLength}</td><td>{@value #DEFAULT_MAX_STRING_LENGTH}</td><td>the characters of one
 *       string value</td></tr>
 * </table>
 *
 * <p>Where to set them: {@code JsonSchemaVerifier.builder().limits(…)}, {@code CitationVerifier.builder().limits(…)},
 * {@code ArtifactType.withJsonLimits(…)} and {@code PermissionEnvelope.withJsonLimits(…)}. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * JsonLimits tight = JsonLimits.defaults().withMaxDepth(64).withMaxStringLength(100_000);
 * Verifier schema = JsonSchemaVerifier.builder().limits(tight).build();
 * }</pre>
 *
 * @param maxDocumentChars the longest text, in characters; positive
 * @param maxDepth the deepest nesting of arrays and objects; positive
 * @param maxNumberLength the longest number, in characters; positive
 * @param maxStringLength the longest string value, in characters; positive
 */
public record JsonLimits(int maxDocumentChars, int maxDepth, int maxNumberLength, int maxStringLength) {

    /** The default longest text: {@value} characters. */
    public static final int DEFAULT_MAX_DOCUMENT_CHARS = 1_000_000;
    /** The default deepest nesting: {@value} levels. */
    public static final int DEFAULT_MAX_DEPTH = 1_000;
    /** The default longest number: {@value} characters. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 1_000;
    /** The default longest string value: {@value} characters. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1_000_000;

    private static final JsonLimits DEFAULTS = new JsonLimits(DEFAULT_MAX_DOCUMENT_CHARS, DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_NUMBER_LENGTH, DEFAULT_MAX_STRING_LENGTH);

    public JsonLimits {
        positive("maxDocumentChars", maxDocumentChars);
        positive("maxDepth", maxDepth);
        positive("maxNumberLength", maxNumberLength);
        positive("maxStringLength", maxStringLength);
    }

    /** Returns the default limits. */
    public static JsonLimits defaults() {
        return DEFAULTS;
    }

    /** Returns a copy with this longest text, in characters. */
    public JsonLimits withMaxDocumentChars(int chars) {
        return new JsonLimits(chars, maxDepth, maxNumberLength, maxStringLength);
    }

    /** Returns a copy with this deepest nesting. */
    public JsonLimits withMaxDepth(int depth) {
        return new JsonLimits(maxDocumentChars, depth, maxNumberLength, maxStringLength);
    }

    /** Returns a copy with this longest number, in characters. */
    public JsonLimits withMaxNumberLength(int length) {
        return new JsonLimits(maxDocumentChars, maxDepth, length, maxStringLength);
    }

    /** Returns a copy with this longest string value, in characters. */
    public JsonLimits withMaxStringLength(int length) {
        return new JsonLimits(maxDocumentChars, maxDepth, maxNumberLength, length);
    }

    /**
     * Returns why the text is too long to parse, naming the limit, or empty when it is within
     * {@link #maxDocumentChars}. The other limits are applied while parsing.
     */
    public Optional<String> checkLength(String text) {
        if (text.length() > maxDocumentChars) {
            return Optional.of("the JSON text has " + text.length() + " characters, more than the limit maxDocumentChars"
                    + " = " + maxDocumentChars + " (JsonLimits)");
        }
        return Optional.empty();
    }

    /**
     * Returns why the text breaks a limit, naming it: its length, or a limit met while parsing it. Empty when it is
     * within the limits, whether or not it is JSON.
     */
    public Optional<String> brokenBy(String text) {
        Optional<String> tooLong = checkLength(text);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        try {
            applyTo(Json.MAPPER).readTree(text);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return limitBroken(e);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses the text within the limits, or returns empty when it is not JSON or breaks a limit. */
    Optional<JsonNode> tryParse(String text) {
        return checkLength(text).isPresent() ? Optional.empty() : Json.tryParse(applyTo(Json.MAPPER), text);
    }

    /**
     * Returns a copy of the mapper (cached per mapper and limits) whose parser enforces the depth, number and string
     * limits; check the length with {@link #checkLength} before parsing with it.
     */
    public ObjectMapper applyTo(ObjectMapper base) {
        return LimitedJson.mapper(base, maxDepth, maxNumberLength, maxStringLength);
    }

    /**
     * Returns the message naming the limit when the failure (or one of its causes) is the parser's refusal of one
     * of these limits, as a mapper from {@link #applyTo} throws it; empty otherwise.
     */
    public Optional<String> limitBroken(Throwable failure) {
        return LimitedJson.limitBroken(failure, maxDepth, maxNumberLength, maxStringLength);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
