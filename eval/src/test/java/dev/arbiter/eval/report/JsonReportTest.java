package dev.arbiter.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.eval.Comparison;
import dev.arbiter.eval.Gate;
import dev.arbiter.eval.GateResult;
import dev.arbiter.eval.Scorecard;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @TempDir
    Path dir;

    @Test
    void aScorecardReadsBackAsItWasWritten() {
        Scorecard card = Samples.card("v1", true);
        Path file = dir.resolve("out/scorecard.json");

        JsonReport.write(card, file);
        Scorecard back = JsonReport.read(file);

        assertThat(back.run()).isEqualTo(card.run());
        assertThat(back.metrics()).isEqualTo(card.metrics());
        assertThat(back.cases()).isEqualTo(card.cases());
        assertThat(back.summaries()).isEqualTo(card.summaries());
        assertThat(JsonReport.toJson(back)).isEqualTo(JsonReport.toJson(card));
    }

    @Test
    void theFormatIsStableAndDocumented() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.toJson(Samples.card("v1", false)));

        assertThat(json.get("format").textValue()).isEqualTo("arbiter-eval/scorecard/1");
        assertThat(json.fieldNames()).toIterable().containsExactly("format", "run", "metrics", "cases");
        assertThat(json.get("run").fieldNames()).toIterable().containsExactly("suite", "subjectId", "modelIds",
                "contracts", "goldenSet", "repeats", "startedAt", "elapsedMillis", "spend");
        assertThat(json.at("/run/spend/cost").textValue()).isEqualTo("0.00042");
        assertThat(json.at("/metrics/1/agreement/kappa").doubleValue()).isBetween(0.7, 0.9);
        assertThat(json.at("/metrics/0/histogram").size()).isEqualTo(10);
        assertThat(json.at("/cases/0/trials/0/scores/fields/passed").booleanValue()).isTrue();
    }

    @Test
    void anEditedSummaryCannotLieBecauseSummariesAreRecomputed() throws Exception {
        String json = JsonReport.toJson(Samples.card("v1", true)).replace("\"passRate\" : 0.5", "\"passRate\" : 1.0");

        Scorecard back = JsonReport.parse(json, "edited.json");

        assertThat(back.summary("fields").passRate()).isEqualTo(Samples.card("v1", true).summary("fields").passRate());
    }

    @Test
    void badFilesFailNamingTheMember() throws Exception {
        String good = JsonReport.toJson(Samples.card("v1", false));

        assertThatThrownBy(() -> JsonReport.parse(good.replace("arbiter-eval/scorecard/1", "v0"), "a.json"))
                .hasMessage("a.json: /format: unknown format 'v0', expected 'arbiter-eval/scorecard/1'");
        assertThatThrownBy(() -> JsonReport.parse(good.replace("\"repeats\" : 2", "\"repeats\" : \"two\""), "b.json"))
                .hasMessage("b.json: /run/repeats: must be an integer, was \"two\"");
        assertThatThrownBy(() -> JsonReport.parse(good.replaceFirst("\"value\" : 1.0", "\"value\" : 7"), "c.json"))
                .hasMessage("c.json: /cases/0/trials/0/scores/fields: score value must be between 0 and 1, was 7.0");
        assertThatThrownBy(() -> JsonReport.parse("{", "d.json")).hasMessageStartingWith("d.json is not valid JSON");
        assertThatThrownBy(() -> JsonReport.read(dir.resolve("missing.json"))).hasMessageContaining("missing.json");
    }

    @Test
    void aComparisonFileHoldsTheGateAndTheChangesRegressionsFirst() throws Exception {
        Comparison comparison = Comparison.of(Samples.card("v1", false), Samples.card("v2", true));
        GateResult gate = Gate.builder().minPassRate("fields", 0.9).build().evaluate(comparison);
        Path file = dir.resolve("comparison.json");

        JsonReport.write(comparison, gate, file);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));

        assertThat(json.get("format").textValue()).isEqualTo("arbiter-eval/comparison/1");
        assertThat(json.at("/gate/passed").booleanValue()).isFalse();
        assertThat(json.at("/changes/0/kind").textValue()).isEqualTo("REGRESSED");
        assertThat(json.at("/changes/0/case").textValue()).isEqualTo("inv-002");
        assertThat(json.at("/baseline/subjectId").textValue()).isEqualTo("v1");
        assertThat(json.at("/candidate/subjectId").textValue()).isEqualTo("v2");
        assertThat(json.at("/statistics/seed").longValue()).isEqualTo(Comparison.Options.DEFAULT.seed());
    }
}
