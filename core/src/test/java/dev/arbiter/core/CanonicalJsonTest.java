package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    private static String canonical(String json) {
        return CanonicalJson.write(JsonCodec.parse(json, "test JSON"));
    }

    @Test
    void sortsObjectMembersAtEveryDepthAndKeepsArrayOrder() {
        assertThat(canonical("{\"b\":1,\"a\":{\"z\":[3,{\"y\":1,\"x\":2},1],\"c\":true},\"A\":null}"))
                .isEqualTo("{\"A\":null,\"a\":{\"c\":true,\"z\":[3,{\"x\":2,\"y\":1},1]},\"b\":1}");
    }

    @Test
    void sortsMemberNamesByUtf16CodeUnits() {
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF61 in UTF-16 but after it by code point.
        assertThat(canonical("{\"\uFF61\":1,\"\uD83D\uDE00\":2,\"\u00e9\":3,\"e\":4}"))
                .isEqualTo("{\"e\":4,\"\u00e9\":3,\"\uD83D\uDE00\":2,\"\uFF61\":1}");
    }

    @Test
    void writesNoInsignificantWhitespace() {
        assertThat(canonical(" { \"a\" : [ 1 , 2 ] ,\n \"b\" : \"x y\" } ")).isEqualTo("{\"a\":[1,2],\"b\":\"x y\"}");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "1, 1",
        "1.0, 1",
        "1.00, 1",
        "-0, 0",
        "-0.0, 0",
        "0.10, 0.1",
        "1e2, 100",
        "1.5E+3, 1500",
        "2.5e-7, 0.00000025",
        "-12.340, -12.34",
        "12345678901234567890123, 12345678901234567890123",
        "0.1000000000000000055511151231257827, 0.1000000000000000055511151231257827",
    })
    void writesNumbersFromTheirExactDecimalValueWithoutTrailingZeros(String json, String expected) {
        assertThat(canonical("[" + json + "]")).isEqualTo("[" + expected + "]");
    }

    @Test
    void writesDoublesMadeInCodeFromTheirShortestDecimalForm() {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("t", 0.1).put("u", 1.0).put("big", new BigDecimal("1E+3")).put("i", BigInteger.TEN.pow(20));
        assertThat(CanonicalJson.write(node)).isEqualTo("{\"big\":1000,\"i\":100000000000000000000,\"t\":0.1,\"u\":1}");
    }

    @Test
    void rejectsNumbersJsonCannotRepresent() {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("x", Double.NaN);
        assertThatThrownBy(() -> CanonicalJson.write(node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON has no representation for NaN");
        ObjectNode infinite = JsonNodeFactory.instance.objectNode().put("x", Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> CanonicalJson.write(infinite)).hasMessage("JSON has no representation for Infinity");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersOnly() {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("s", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 \u00e9\u20ac\uD83E\uDDFE");
        assertThat(CanonicalJson.write(node)).isEqualTo("{\"s\":\"quote \\\" backslash \\\\ slash / tab \\t newline \\n"
                + " nul \\u0000 bell \\u0007 \u00e9\u20ac\uD83E\uDDFE\"}");
    }

    @Test
    void escapesMemberNamesLikeStrings() {
        assertThat(canonical("{\"a\\\"b\\n\":1}")).isEqualTo("{\"a\\\"b\\n\":1}");
    }

    @Test
    void writesLiteralsAndEmptyContainers() {
        assertThat(canonical("[true,false,null,{},[],\"\"]")).isEqualTo("[true,false,null,{},[],\"\"]");
    }

    @Test
    void equalValuesSpelledDifferentlyGiveTheSameText() {
        assertThat(canonical("{\"b\":[1.0,{\"y\":2e0,\"x\":\"\\u0041\"}],\"a\":10}"))
                .isEqualTo(canonical("{\"a\":1e1,\"b\":[1,{\"x\":\"A\",\"y\":2}]}"));
    }

    @Test
    void hugeExponentsKeepTheirExponentInsteadOfBeingWrittenOut() {
        assertThat(canonical("{\"big\":1e1000000000,\"small\":2.5e-1000000000}"))
                .isEqualTo("{\"big\":1E1000000000,\"small\":25E-1000000001}");
        assertThat(canonical("[1e100, 1e101]")).isEqualTo("[1" + "0".repeat(100) + ",1E101]");
    }

    /** The number rule as first written: every number through BigDecimal. The fast paths must agree with it. */
    private static String throughBigDecimal(com.fasterxml.jackson.databind.JsonNode node) {
        BigDecimal value;
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        } else if (node.isBigDecimal()) {
            value = node.decimalValue();
        } else {
            value = BigDecimal.valueOf(node.doubleValue());
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = stripped.scale();
        if (scale < -100 || scale > 100) {
            return stripped.unscaledValue() + "E" + (-scale);
        }
        return scale <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }

    @Test
    void wholeDoublesIntsAndLongsAreWrittenAsThroughBigDecimal() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        java.util.Random random = new java.util.Random(3);
        java.util.List<com.fasterxml.jackson.databind.JsonNode> nodes = new java.util.ArrayList<>();
        for (double d : new double[] {0.0, -0.0, 1.0, -1.0, 10.0, 1190.0, 1e14, 1e15 - 1, 1e15, 1e15 + 1, -1e15 + 1,
                9007199254740991.0, 9007199254740992.0, 1e16, 1e22, 1e23, 123456789012345.0, 0.5, 1.5, 1e-7}) {
            nodes.add(f.numberNode(d));
            nodes.add(f.numberNode((float) d));
        }
        for (int i = 0; i < 20_000; i++) {
            double whole = Math.rint(random.nextDouble() * Math.pow(10, random.nextInt(18)));
            nodes.add(f.numberNode(random.nextBoolean() ? whole : -whole));
            nodes.add(f.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(30) - 10)));
            nodes.add(f.numberNode(random.nextLong()));
            nodes.add(f.numberNode(random.nextInt()));
        }
        for (long l : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 0}) {
            nodes.add(f.numberNode(l));
            nodes.add(f.numberNode((int) l));
        }
        for (com.fasterxml.jackson.databind.JsonNode n : nodes) {
            assertThat(CanonicalJson.canonicalNumber(n)).as("%s (%s)", n, n.getNodeType()).isEqualTo(throughBigDecimal(n));
        }
    }
}
