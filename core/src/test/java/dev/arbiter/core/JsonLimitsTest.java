package dev.arbiter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonLimitsTest {

    static final JsonLimits SMALL = JsonLimits.defaults().withMaxDocumentChars(60).withMaxDepth(5)
            .withMaxNumberLength(10).withMaxStringLength(20);

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String args(String value) {
        return "{\"v\":" + value + "}";
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(JsonLimits.defaults()).isEqualTo(new JsonLimits(1_000_000, 1_000, 1_000, 1_000_000));
    }

    @Test
    void everyLimitMustBePositiveAndTheMessageNamesIt() {
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxDepth(0)).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxNumberLength(-1)).hasMessageContaining("maxNumberLength");
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxStringLength(0)).hasMessageContaining("maxStringLength");
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxDocumentChars(0)).hasMessageContaining("maxDocumentChars");
    }

    @Test
    void theLengthCheckPassesAtTheLimitAndNamesItPastIt() {
        assertThat(SMALL.checkLength("x".repeat(60))).isEmpty();
        assertThat(SMALL.checkLength("x".repeat(61))).hasValueSatisfying(m -> assertThat(m)
                .contains("61 characters", "maxDocumentChars = 60", "JsonLimits"));
    }

    @Test
    void toolCallArgumentsAreParsedAtEachLimitAndRefusedPastIt() {
        // the object around the value is one level of nesting
        assertThat(ToolCall.of("c", "t", args(nested(4))).parsedArguments(SMALL)).isPresent();
        assertThat(ToolCall.of("c", "t", args(nested(5))).parsedArguments(SMALL)).isEmpty();
        assertThat(ToolCall.of("c", "t", args("1".repeat(10))).parsedArguments(SMALL)).isPresent();
        assertThat(ToolCall.of("c", "t", args("1".repeat(11))).parsedArguments(SMALL)).isEmpty();
        assertThat(ToolCall.of("c", "t", args("\"" + "s".repeat(20) + "\"")).parsedArguments(SMALL)).isPresent();
        assertThat(ToolCall.of("c", "t", args("\"" + "s".repeat(21) + "\"")).parsedArguments(SMALL)).isEmpty();
        JsonLimits sixtyChars = SMALL.withMaxStringLength(100);
        String sixty = args("\"" + "s".repeat(52) + "\"");
        assertThat(sixty).hasSize(60);
        assertThat(ToolCall.of("c", "t", sixty).parsedArguments(sixtyChars)).isPresent();
        assertThat(ToolCall.of("c", "t", sixty + " ").parsedArguments(sixtyChars)).isEmpty();
    }

    @Test
    void brokenByNamesTheLimitAndIgnoresOrdinaryParseErrors() {
        assertThat(SMALL.brokenBy(args(nested(5)))).hasValueSatisfying(m -> assertThat(m).contains("maxDepth = 5"));
        assertThat(SMALL.brokenBy(args("1".repeat(11)))).hasValueSatisfying(m -> assertThat(m)
                .contains("maxNumberLength = 10"));
        assertThat(SMALL.brokenBy(args("\"" + "s".repeat(21) + "\""))).hasValueSatisfying(m -> assertThat(m)
                .contains("maxStringLength = 20"));
        assertThat(SMALL.brokenBy("{\"v\":" + " ".repeat(60) + "1}")).hasValueSatisfying(m -> assertThat(m)
                .contains("maxDocumentChars = 60"));
        assertThat(SMALL.brokenBy("{\"v\": not json")).isEmpty();
        assertThat(SMALL.brokenBy(args(nested(4)))).isEmpty();
    }

    @Test
    void theDefaultLimitsApplyWhenNoneAreGiven() {
        assertThat(ToolCall.of("c", "t", args(nested(999))).parsedArguments()).isPresent();
        assertThat(ToolCall.of("c", "t", args(nested(1_000))).parsedArguments()).isEmpty();
        assertThat(ToolCall.of("c", "t", args("9".repeat(1_000))).parsedArguments()).isPresent();
        assertThat(ToolCall.of("c", "t", args("9".repeat(1_001))).parsedArguments()).isEmpty();
    }
}
