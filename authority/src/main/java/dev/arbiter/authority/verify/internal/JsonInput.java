package dev.arbiter.authority.verify.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.authority.verify.FencePolicy;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.core.JsonLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a model's output as one JSON value: size bound, empty output, Markdown fences and prose (by
 * {@link FencePolicy}), and parse errors located by line, column and character. Thread-safe.
 *
 * <p>Parsing is strict: a duplicate property name is an error (two readers could take different values), trailing
 * content after the value is an error, and numbers are read by value: decimals exactly ({@link java.math.BigDecimal}),
 * and a decimal with no fraction ({@code 2.0}, {@code 1e2}) as the integer it is, so {@code enum} and {@code const}
 * compare {@code {"a": 0.0}} and {@code {"a": 0}} as equal (networknt compares numbers nested in objects by node type).
 */
public final class JsonInput {

    /** The mapper every verifier uses to read model output. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String BARE = "Return only the JSON value itself: no ``` code fence, no text before or after it.";

    private JsonInput() {}

    /** What reading produced: a value, or a problem to report. */
    public sealed interface Result permits Value, Problem {}

    /**
     * The JSON value read.
     *
     * @param json the value
     * @param notes how it was found when it was extracted from around text; otherwise empty
     */
    public record Value(JsonNode json, List<String> notes) implements Result {}

    /**
     * Why the output is not a JSON value.
     *
     * @param location where it broke
     * @param message what is wrong
     * @param feedback what the model should do
     */
    public record Problem(Location location, String message, String feedback) implements Result {}

    /** Reads the text as one JSON value, with the default {@link JsonLimits} but this longest text. */
    public static Result read(String text, FencePolicy policy, int maxChars) {
        return read(text, policy, JsonLimits.defaults().withMaxDocumentChars(maxChars));
    }

    /** Reads the text as one JSON value within the limits; a limit broken is a problem that names it. */
    public static Result read(String text, FencePolicy policy, JsonLimits limits) {
        if (text.length() > limits.maxDocumentChars()) {
            return new Problem(Location.whole(), "output has " + text.length() + " characters, more than the limit "
                    + "maxDocumentChars = " + limits.maxDocumentChars() + " (JsonLimits)",
                    "Return a shorter JSON value: at most " + limits.maxDocumentChars() + " characters.");
        }
        if (text.isBlank()) {
            return new Problem(Location.whole(), "output is empty; a JSON value was expected", "Return the JSON value.");
        }
        ObjectMapper mapper = limits.applyTo(MAPPER);
        Result whole = parse(mapper, limits, text, 0);
        if (whole instanceof Value) {
            return whole;
        }
        int fence = text.indexOf("```");
        boolean prose = !startsLikeJson(text.strip());
        if (fence < 0 && !prose) {
            return whole;
        }
        if (policy == FencePolicy.REJECT) {
            return fence >= 0
                    ? new Problem(Location.span(fence, fence + 3), "output wraps its JSON in a Markdown code fence", BARE)
                    : new Problem(Location.span(0, firstJsonStart(text)), "output has text before its JSON value", BARE);
        }
        return extract(mapper, limits, text, fence, whole);
    }

    private static Result extract(ObjectMapper mapper, JsonLimits limits, String text, int fence, Result whole) {
        if (fence >= 0) {
            int contentStart = text.indexOf('\n', fence);
            int close = contentStart < 0 ? -1 : text.indexOf("```", contentStart);
            if (close > contentStart) {
                return noted(parse(mapper, limits, text.substring(contentStart + 1, close), contentStart + 1),
                        "extracted the JSON value inside the Markdown code fence at characters ["
                                + (contentStart + 1) + "," + close + ")");
            }
        }
        int start = firstJsonStart(text);
        if (start >= text.length()) {
            return whole;
        }
        int end = BalancedJson.end(text, start);
        if (end < 0) {
            return parse(mapper, limits, text.substring(start), start);
        }
        return noted(parse(mapper, limits, text.substring(start, end), start),
                "extracted the JSON value at characters [" + start + "," + end + ") from the text around it");
    }

    private static Result noted(Result result, String note) {
        return result instanceof Value ? new Value(((Value) result).json(), List.of(note)) : result;
    }

    private static Result parse(ObjectMapper mapper, JsonLimits limits, String text, int offset) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                return new Problem(Location.whole(), "output is empty; a JSON value was expected", "Return the JSON value.");
            }
            return new Value(byValue(node), List.of());
        } catch (JsonProcessingException e) {
            Optional<String> limit = limits.limitBroken(e);
            if (limit.isPresent()) {
                return new Problem(Location.whole(), "output is not valid JSON: " + limit.get(),
                        "Return a smaller, flatter JSON value: " + limit.get() + ".");
            }
            return problem(e, offset, text.length());
        } catch (NumberFormatException | ArithmeticException e) {
            // thrown unchecked for a number no BigDecimal can hold, an exponent beyond the int range: Java 17 says
            // NumberFormatException "Exponent overflow.", Java 25 ArithmeticException "Underflow" or "Overflow"
            String reason = "a number is out of range (" + abbreviate(String.valueOf(e.getMessage())) + ")";
            return new Problem(Location.whole(), "output is not valid JSON: " + reason,
                    "Return valid JSON. Write every number as a plain decimal of ordinary size: " + reason + ".");
        }
    }

    private static Problem problem(JsonProcessingException e, int offset, int length) {
        JsonLocation where = e.getLocation();
        String reason = abbreviate(e.getOriginalMessage());
        if (where == null || where.getCharOffset() < 0) {
            return new Problem(Location.whole(), "output is not valid JSON: " + reason, "Return valid JSON. " + reason);
        }
        int at = (int) Math.min(where.getCharOffset(), length) + offset;
        String position = "line " + where.getLineNr() + ", column " + where.getColumnNr() + " (character " + at + ")";
        String hint = reason.contains("end-of-input")
                ? " The output looks cut off: close every string, array and object."
                : "";
        return new Problem(Location.span(at, Math.min(at + 1, offset + length)), "output is not valid JSON at " + position + ": " + reason,
                "Return valid JSON. It broke at " + position + ": " + reason + "." + hint);
    }

    /**
     * Returns the tree with every decimal that has no fraction replaced by an integer node (in place where the tree
     * is a container). Integers with more than 1000 digits stay decimals.
     */
    public static JsonNode byValue(JsonNode node) {
        if (node.isBigDecimal()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 && d.precision() - d.scale() <= 1000 ? integer(d.toBigIntegerExact()) : node;
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> o.set(n, byValue(o.get(n))));
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, byValue(a.get(i)));
            }
        }
        return node;
    }

    private static JsonNode integer(BigInteger i) {
        if (i.bitLength() < 32) {
            return MAPPER.getNodeFactory().numberNode(i.intValue());
        }
        return i.bitLength() < 64 ? MAPPER.getNodeFactory().numberNode(i.longValue()) : MAPPER.getNodeFactory().numberNode(i);
    }

    private static boolean startsLikeJson(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '{' || c == '[' || c == '"' || c == '-' || Character.isDigit(c)
                || s.startsWith("true") || s.startsWith("false") || s.startsWith("null");
    }

    private static int firstJsonStart(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                return i;
            }
        }
        return text.length();
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                .replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }
}
