package dev.arbiter.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BoundValues#problem} looks for a problem without building pointers and locates it only when there is one:
 * on random trees with and without bad numbers and strings, at every depth, it answers what the located check does.
 */
class BoundValuesFastCheckTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] STRINGS = {"", "a", "x/y~z", "\ud83d\ude00", "\ud800", "ok\udc00", "\u00e9t\u00e9"};

    private static JsonNode tree(SplittableRandom r, int depth) {
        int kind = depth > 4 ? 2 + r.nextInt(8) : r.nextInt(10);
        switch (kind) {
            case 0: {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    o.set(r.nextInt(20) == 0 ? STRINGS[r.nextInt(STRINGS.length)] : "f" + r.nextInt(9),
                            tree(r, depth + 1));
                }
                return o;
            }
            case 1: {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    a.add(tree(r, depth + 1));
                }
                return a;
            }
            case 2:
                return F.numberNode(r.nextInt(40) == 0 ? Double.NaN : r.nextInt(40) == 0
                        ? Double.NEGATIVE_INFINITY : r.nextDouble());
            case 3:
                return F.numberNode(r.nextInt(40) == 0 ? Float.POSITIVE_INFINITY : (float) r.nextDouble());
            case 4:
                return F.textNode(r.nextInt(8) == 0 ? STRINGS[r.nextInt(STRINGS.length)] : "text");
            case 5:
                return F.numberNode(r.nextLong());
            case 6:
                return F.numberNode(new BigDecimal("1e400"));
            case 7:
                return F.booleanNode(r.nextBoolean());
            case 8:
                return F.nullNode();
            default:
                return F.textNode("plain " + r.nextInt(100));
        }
    }

    @Test
    void answersWhatTheLocatedCheckAnswers() {
        SplittableRandom random = new SplittableRandom(5);
        int bad = 0;
        for (int i = 0; i < 50_000; i++) {
            JsonNode t = tree(random, 0);
            assertThat(BoundValues.problem(t)).as("tree %s", t).isEqualTo(BoundValues.located(t));
            assertThat(BoundValues.anyProblem(t)).isEqualTo(BoundValues.located(t).isPresent());
            if (BoundValues.anyProblem(t)) {
                bad++;
            }
        }
        assertThat(bad).isBetween(1_000, 45_000);
    }
}
