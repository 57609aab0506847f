package dev.arbiter.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GroundingCommandTest {

    private static final String DOC = "Revenue fell 5% to $2.1bn in the third quarter. Acme hired Dana Wu as CFO.";
    private static final String SAME = "Revenue fell 5% to $2.1bn in the third quarter.";
    private static final String CHANGED = "Revenue fell 7% to $2.1bn in the third quarter.";

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new GroundingCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path gzip(List<Map<String, Object>> rows) throws IOException {
        Path file = dir.resolve("rows.jsonl.gz");
        ObjectMapper json = new ObjectMapper();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (Map<String, Object> row : rows) {
                out.write((json.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static Map<String, Object> row(String domain, String summary, boolean consistent) {
        return Map.of("domain", domain, "doc", DOC, "summary", summary, "consistent", consistent);
    }

    @Test
    void figuresMatchAHandComputedConfusionMatrix() throws IOException {
        // a: TN, TP, FN.  b: TN, TP, TP, FP.  Overall TP 3, FN 1, TN 2, FP 1.
        Path file = gzip(List.of(
                row("a", SAME, true), row("a", CHANGED, false), row("a", SAME, false),
                row("b", SAME, true), row("b", CHANGED, false), row("b", CHANGED, false), row("b", CHANGED, true)));
        Result r = run(file.toString(), "--no-embeddings");
        assertThat(r.exit()).as(r.err()).isZero();
        // recall 3/4, specificity 2/3, balanced (0.75 + 0.667) / 2 = 0.708, precision 3/4
        assertThat(r.out()).containsPattern("(?m)^overall\\s+7\\s+4\\s+0\\.708\\s+0\\.750\\s+0\\.750$");
        // a: recall 1/2, specificity 1, precision 1; b: recall 1, specificity 1/2, precision 2/3
        assertThat(r.out()).containsPattern("(?m)^a\\s+3\\s+2\\s+0\\.750\\s+1\\.000\\s+0\\.500$");
        assertThat(r.out()).containsPattern("(?m)^b\\s+4\\s+2\\s+0\\.750\\s+0\\.667\\s+1\\.000$");
        assertThat(r.lastLine()).isEqualTo("balanced accuracy 0.708");
    }

    @Test
    void thresholdTradeOffFlagsEverythingAtOneAndNothingAtZero() throws IOException {
        Path file = gzip(List.of(row("a", SAME, true), row("a", CHANGED, false)));
        Result r = run(file.toString(), "--no-embeddings", "--trade-off", "0,1");
        assertThat(r.out()).containsPattern("(?m)^0\\.000\\s+0\\.500\\s+n/a\\s+0\\.000\\s+0$");
        assertThat(r.out()).containsPattern("(?m)^1\\.000\\s+0\\.500\\s+0\\.500\\s+1\\.000\\s+2$");
    }

    @Test
    void limitAndSplitChooseTheRows() throws IOException {
        Path file = gzip(List.of(row("a", SAME, true), row("a", CHANGED, false), row("a", SAME, false)));
        Result limited = run(file.toString(), "--no-embeddings", "--limit", "2");
        assertThat(limited.out()).contains(", 2 rows, split all");
        boolean train = GroundingCommand.isTrain(DOC);
        Result other = run(file.toString(), "--no-embeddings", "--split", train ? "test" : "train");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.out()).contains("no rows");
    }

    @Test
    void anUnknownSplitIsAUsageError() throws IOException {
        Path file = gzip(List.of(row("a", SAME, true)));
        Result r = run(file.toString(), "--split", "dev");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--split must be train, test or all");
    }

    @Test
    void aRowWithoutItsLabelNamesTheLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"doc\":\"x\",\"summary\":\"y\",\"consistent\":true}\n{\"doc\":\"x\",\"summary\":\"y\"}\n");
        Result r = run(file.toString(), "--no-embeddings");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("line 2").contains("consistent");
    }

    @Test
    void realSummEditsSampleProducesFiguresAndTheClosingLine() {
        Path data = dataDir().resolve("summedits/summedits.jsonl.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(data), "SummEdits data at " + data);
        Result r = run(data.toString(), "--no-embeddings", "--limit", "40");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(", 40 rows, split all").containsPattern("(?m)^overall\\s+40\\s+\\d+\\s+0\\.\\d{3}");
        assertThat(r.lastLine()).matches("balanced accuracy (0\\.\\d{3}|1\\.000)");
    }

    private static Path dataDir() {
        String prop = System.getProperty("arbiter.data.dir");
        return prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "data");
    }
}
