package dev.arbiter.authority.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.FencePolicy;
import dev.arbiter.authority.verify.Location;
import org.junit.jupiter.api.Test;

class JsonInputTest {

    private static JsonInput.Result read(String text, FencePolicy policy) {
        return JsonInput.read(text, policy, 1000);
    }

    @Test
    void bareJsonWithSurroundingWhiteSpaceIsAValueUnderEitherPolicy() {
        assertThat(read("  {\"a\": 1}\n", FencePolicy.REJECT)).isInstanceOf(JsonInput.Value.class);
        assertThat(read("[1, 2]", FencePolicy.EXTRACT)).isInstanceOf(JsonInput.Value.class);
        assertThat(read("\"just a string\"", FencePolicy.REJECT)).isInstanceOf(JsonInput.Value.class);
    }

    @Test
    void extractTakesTheFirstBalancedValueWhenThereIsNoFence() {
        JsonInput.Value v = (JsonInput.Value) read("Result: {\"s\": \"a } in a string\", \"n\": [1]} - done", FencePolicy.EXTRACT);
        assertThat(v.json().get("s").textValue()).isEqualTo("a } in a string");
        assertThat(v.notes()).containsExactly("extracted the JSON value at characters [8,42) from the text around it");
    }

    @Test
    void extractedJsonThatIsBrokenIsLocatedInTheOriginalText() {
        JsonInput.Problem p = (JsonInput.Problem) read("Here:\n```json\n{\"a\": }\n```", FencePolicy.EXTRACT);
        assertThat(p.location()).isEqualTo(Location.span(20, 21));
        assertThat(p.message()).contains("line 1, column 7").doesNotContain("Source:");
    }

    @Test
    void numbersAreReadByValue() {
        JsonInput.Value v = (JsonInput.Value) read("{\"a\": 2.0, \"b\": 1e2, \"c\": 1.50, \"d\": 12345678901234567890.0}", FencePolicy.REJECT);
        assertThat(v.json().get("a").isInt()).isTrue();
        assertThat(v.json().get("b").intValue()).isEqualTo(100);
        assertThat(v.json().get("c").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(v.json().get("d").isBigInteger()).isTrue();
    }

    @Test
    void emptyAndOversizedOutputAreProblems() {
        assertThat(((JsonInput.Problem) read("   ", FencePolicy.EXTRACT)).message()).contains("empty");
        assertThat(((JsonInput.Problem) JsonInput.read("[1,2,3]", FencePolicy.REJECT, 3)).message()).contains("more than the limit maxDocumentChars = 3");
    }

    @Test
    void proseWithoutAnyJsonIsAProblemUnderExtract() {
        assertThat(read("I cannot help with that.", FencePolicy.EXTRACT)).isInstanceOf(JsonInput.Problem.class);
    }
}
