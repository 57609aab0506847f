package dev.arbiter.authority.verify.grounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge on real SummEdits rows (third-party data, read through {@code arbiter.data.dir}), with MiniLM
 * embeddings on, so the in-process model path is exercised once per JVM.
 */
class GroundingJudgeSummEditsTest {

    private static final GroundingJudge WITH_EMBEDDINGS = GroundingJudge.builder().embeddings(true).build();
    private static Path data;

    @BeforeAll
    static void locateData() {
        String dir = System.getProperty("arbiter.data.dir", "../../shared/data");
        data = Path.of(dir, "summedits", "summedits.jsonl.gz");
        assumeTrue(Files.exists(data), "SummEdits data at " + data);
    }

    private static JsonNode row(String summaryPrefix) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = json.readTree(line);
                if (n.get("summary").asText().startsWith(summaryPrefix)) {
                    return n;
                }
            }
        }
        throw new AssertionError("no SummEdits row whose summary starts with: " + summaryPrefix);
    }

    private static GroundingReport judge(JsonNode row) {
        return WITH_EMBEDDINGS.judge(row.get("summary").asText(),
                List.of(Source.of("doc", row.get("doc").asText(), Trust.UNTRUSTED)));
    }

    @Test
    void aConsistentParaphraseIsSupported() throws IOException {
        JsonNode row = row("The company is upping its dividend to $0.13 per share");
        assertThat(row.get("consistent").asBoolean()).isTrue();
        GroundingReport report = judge(row);
        assertThat(report.supported()).as("%s", report).isTrue();
        assertThat(report.sentences().get(0).bestSupport()).get()
                .satisfies(s -> assertThat(s.text()).contains("$0.13 per share"));
    }

    @Test
    void anInconsistentSummaryWithAChangedAmountIsFlaggedAtThatAmount() throws IOException {
        JsonNode row = row("The company is increasing its dividend to $0.14 per share");
        assertThat(row.get("consistent").asBoolean()).isFalse();
        GroundingReport report = judge(row);
        assertThat(report.supported()).isFalse();
        SentenceJudgement bad = report.unsupported().get(0);
        GroundingIssue issue = bad.issues().stream().filter(i -> i.kind() == Kind.UNSUPPORTED_NUMBER)
                .findFirst().orElseThrow();
        assertThat(issue.term()).isEqualTo("$0.14");
        String summary = row.get("summary").asText();
        assertThat(summary.substring(issue.start(), issue.end())).isEqualTo("$0.14");
        assertThat(summary.substring(bad.start(), bad.end())).isEqualTo(bad.text());
    }
}
