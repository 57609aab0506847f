package dev.arbiter.workflow.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.workflow.ArtifactType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the binding of a model's accepted output to an artifact: any text either binds or fails with an
 * {@link IllegalArgumentException}, and a bound value survives its checkpoint (written as JSON and read back, it is
 * equal), so a resumed run ships the value that was verified. Seeds in {@code ArtifactTypeFuzzTestInputs/}.
 */
class ArtifactTypeFuzzTest {

    /** An artifact with the field types model output is bound to. */
    public record Invoice(String number, double total, BigDecimal exact, long count, boolean paid, List<Line> lines,
            Map<String, String> tags) {}

    /** A nested record. */
    public record Line(String text, int quantity) {}

    static final ArtifactType<Invoice> INVOICE = ArtifactType.of(Invoice.class);
    static final ArtifactType<Object> ANYTHING = ArtifactType.of(Object.class);

    @FuzzTest(maxDuration = "3m")
    void anyOutputBindsAndSurvivesItsCheckpointOrIsRefused(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        for (ArtifactType<?> type : List.of(INVOICE, ANYTHING, ArtifactType.text())) {
            roundTrip(type, text);
        }
    }

    private static <T> void roundTrip(ArtifactType<T> type, String text) {
        T value;
        try {
            value = type.fromModelOutput(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(type.fromJson(type.toJson(value))).as("%s from %s", type, text).isEqualTo(value);
    }
}
