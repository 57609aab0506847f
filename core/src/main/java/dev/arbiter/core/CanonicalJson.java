package dev.arbiter.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON form Arbiter hashes: the same value gives the same bytes in every run and every JVM.
 *
 * <p>Rules: object members sorted by name (UTF-16 code units, as in RFC 8785); no insignificant whitespace;
 * strings escaped as Jackson escapes them (control characters only; other characters as UTF-8); numbers
 * written from their exact decimal value with trailing zeros removed, so {@code 1}, {@code 1.0} and
 * {@code 1.00} are the same number and are written {@code 1}; a number whose decimal exponent exceeds 100
 * either way is written as its unscaled digits and an exponent ({@code 1E1000000000}), so that a hostile
 * number cannot make the form gigabytes long. Doubles created in code are converted through
 * their shortest decimal representation ({@link BigDecimal#valueOf(double)}).
 *
 * <p>Thread-safe.
 */
public final class CanonicalJson {

    /** Numbers whose decimal exponent is larger than this (either way) are written with an exponent. */
    private static final int MAX_PLAIN_EXPONENT = 100;
    /** Whole doubles below this (10^15, under 2^53) are written by {@link Long#toString(long)}. */
    private static final double MAX_EXACT_WHOLE_DOUBLE = 1e15;

    private CanonicalJson() {}

    /** Returns the canonical JSON text of the value. */
    public static String write(JsonNode value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write canonical JSON", e);
        }
        return out.toString();
    }

    /**
     * Returns the SHA-256 of the UTF-8 bytes of {@link #write(JsonNode) the canonical text} of the value, as 64
     * lower-case hex characters: {@code Digests.sha256Hex(CanonicalJson.write(value))}, computed without making the
     * text (the canonical form is written straight into the digest).
     */
    public static String sha256Hex(JsonNode value) {
        return CanonicalSink.sha256Hex(value);
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
                fields.sort(Map.Entry.comparingByKey());
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> f : fields) {
                    g.writeFieldName(f.getKey());
                    write(f.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(element, g);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> g.writeNumber(canonicalNumber(node));
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IllegalArgumentException(
                    "cannot write a " + node.getNodeType() + " node as canonical JSON");
        }
    }

    static String canonicalNumber(JsonNode node) {
        BigDecimal value;
        if (node.isInt() || node.isLong()) {
            return Long.toString(node.longValue()); // what bigIntegerValue().toString() gives, without a BigInteger
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        } else if (node.isBigDecimal()) {
            value = node.decimalValue();
        } else {
            double d = node.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d);
            }
            if (d == Math.rint(d) && Math.abs(d) < MAX_EXACT_WHOLE_DOUBLE) {
                // a whole number below 2^53: its shortest decimal is its integer digits, so BigDecimal.valueOf(d)
                // stripped of trailing zeros is written as exactly this (-0.0 as 0)
                return Long.toString((long) d);
            }
            value = BigDecimal.valueOf(d);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = stripped.scale();
        if (scale < -MAX_PLAIN_EXPONENT || scale > MAX_PLAIN_EXPONENT) {
            // 1e1000000000 written out in full would take gigabytes: such numbers keep an exponent.
            return stripped.unscaledValue() + "E" + (-scale);
        }
        return scale <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }
}
