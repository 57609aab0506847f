package dev.arbiter.steering.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import dev.arbiter.steering.context.TokenCounter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JtokkitTokenCounterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "gpt-4o-2024-08-06, O200K_BASE", "gpt-4o-mini, O200K_BASE", "chatgpt-4o-latest, O200K_BASE",
        "gpt-4.1-mini, O200K_BASE", "gpt-5, O200K_BASE", "gpt-5.1, O200K_BASE", "o1-preview, O200K_BASE",
        "o3-mini, O200K_BASE", "o4-mini, O200K_BASE", "openai/gpt-4o, O200K_BASE", "GPT-4O, O200K_BASE",
        "gpt-oss-120b, O200K_BASE",
        "gpt-4, CL100K_BASE", "gpt-4-turbo, CL100K_BASE", "gpt-3.5-turbo, CL100K_BASE",
        "text-embedding-3-small, CL100K_BASE", "claude-sonnet-4-5, CL100K_BASE", "llama-3.1-70b, CL100K_BASE",
        "mistral-large, CL100K_BASE", "o10-imaginary, CL100K_BASE", "'', CL100K_BASE"
    })
    void encodingFollowsTheModelFamily(String model, EncodingType expected) {
        assertThat(JtokkitTokenCounter.encodingFor(model)).isEqualTo(expected);
        assertThat(TokenCounter.forModel(model).name()).isEqualTo(expected.getName());
    }

    @Test
    void countsWithTheRealTokenizer() {
        assertThat(TokenCounter.cl100kBase().count("hello world")).isEqualTo(2);
        assertThat(TokenCounter.o200kBase().count("hello world")).isEqualTo(2);
        assertThat(TokenCounter.cl100kBase().count("")).isZero();
        // o200k_base is the larger vocabulary: non-Latin scripts cost far fewer tokens
        assertThat(TokenCounter.cl100kBase().count("こんにちは、世界。今日はいい天気ですね。")).isEqualTo(17);
        assertThat(TokenCounter.o200kBase().count("こんにちは、世界。今日はいい天気ですね。")).isEqualTo(10);
    }

    @Test
    void specialTokensAreCountedAsOrdinaryText() {
        assertThat(TokenCounter.cl100kBase().count("<|endoftext|>")).isGreaterThan(1);
        assertThat(TokenCounter.o200kBase().count("<|im_start|>system")).isGreaterThan(2);
    }

    @Test
    void hexRunsCountAsTheSumOfTheirPieces() {
        java.util.Random random = new java.util.Random(20261121);
        for (JtokkitTokenCounter counter : java.util.List.of(JtokkitTokenCounter.O200K_BASE,
                JtokkitTokenCounter.CL100K_BASE)) {
            for (int i = 0; i < 5_000; i++) {
                String hex = i % 2 == 0 ? Fences.newBoundary(random) : randomHex(random, 1 + random.nextInt(80));
                assertThat(counter.countHex(hex)).as("%s %s", counter, hex).isEqualTo(counter.count(hex));
            }
            // long runs of one kind: digits cut in threes, letters one piece (not remembered past four)
            for (String hex : new String[] {"0", "1234567890123", "abcdefabcdefabcdef", "deadbeef", "a1b2c3",
                    "0000000000000000ffffffffffffffff", "fedcba9876543210fedcba9876543210"}) {
                assertThat(counter.countHex(hex)).as("%s %s", counter, hex).isEqualTo(counter.count(hex));
            }
        }
    }

    @Test
    void everyRememberedHexPieceHasACodeOfItsOwnAndCountsAsItself() {
        java.util.List<String> pieces = new java.util.ArrayList<>();
        for (int length = 1; length <= 3; length++) {
            for (int v = 0; v < (int) Math.pow(10, length); v++) {
                pieces.add(String.format("%0" + length + "d", v));
            }
        }
        for (int length = 1; length <= JtokkitTokenCounter.MAX_HEX_PIECE; length++) {
            for (int v = 0; v < (int) Math.pow(6, length); v++) {
                StringBuilder piece = new StringBuilder();
                for (int k = 0, rest = v; k < length; k++, rest /= 6) {
                    piece.insert(0, (char) ('a' + rest % 6));
                }
                pieces.add(piece.toString());
            }
        }
        assertThat(pieces).hasSize(JtokkitTokenCounter.HEX_CODES);
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        for (String piece : pieces) {
            int code = JtokkitTokenCounter.hexCode(piece, 0, piece.length(), Character.isDigit(piece.charAt(0)));
            assertThat(code).as(piece).isBetween(0, JtokkitTokenCounter.HEX_CODES - 1);
            assertThat(codes.add(code)).as("the code of %s is its own", piece).isTrue();
            String inRun = "x" + piece + "y"; // a piece inside a longer text has the code it has alone
            assertThat(JtokkitTokenCounter.hexCode(inRun, 1, 1 + piece.length(), Character.isDigit(piece.charAt(0))))
                    .isEqualTo(code);
        }
        for (JtokkitTokenCounter counter : java.util.List.of(JtokkitTokenCounter.O200K_BASE,
                JtokkitTokenCounter.CL100K_BASE)) {
            for (int round = 0; round < 2; round++) { // counted, then remembered
                for (String piece : pieces) {
                    assertThat(counter.countHex(piece)).as("%s %s", counter, piece).isEqualTo(counter.count(piece));
                }
            }
        }
    }

    @Test
    void hexCountRefusesOtherCharacters() {
        for (String bad : new String[] {"ABCDEF", "12 34", "0x1f", "g", "é1"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> JtokkitTokenCounter.O200K_BASE.countHex(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not lower-case hex");
        }
    }

    private static String randomHex(java.util.Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }
}
