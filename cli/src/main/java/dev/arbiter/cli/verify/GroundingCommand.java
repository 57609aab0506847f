package dev.arbiter.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.authority.verify.grounding.GroundingIssue.Kind;
import dev.arbiter.authority.verify.grounding.GroundingJudge;
import dev.arbiter.authority.verify.grounding.GroundingReport;
import dev.arbiter.authority.verify.grounding.SentenceJudgement;
import dev.arbiter.core.Digests;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter verify grounding FILE}: measures the local grounding judge on SummEdits-format rows (gzip or
 * plain JSONL with {@code doc}, {@code summary}, {@code consistent}, {@code domain}): each summary is judged
 * against its document, and "inconsistent" is the positive class. Prints per-domain and overall balanced
 * accuracy, precision and recall, a threshold trade-off table, and closes with {@code balanced accuracy X}
 * (X a fraction in [0, 1]). Rows are split into train and test halves by a hash of the document, so no
 * document is in both; the default weights were fitted on train. {@code --fit} refits them on train and
 * prints them with their held-out figures and the contribution of each signal.
 */
@Command(name = "grounding", mixinStandardHelpOptions = true,
        description = "Measure the local grounding judge on SummEdits rows (doc as evidence, summary as candidate).")
public final class GroundingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "SummEdits rows: .jsonl or .jsonl.gz")
    private Path file;

    @Option(names = "--threshold", description = "support score a sentence needs (default ${DEFAULT-VALUE})")
    private double threshold = GroundingJudge.DEFAULT_THRESHOLD;

    @Option(names = "--embeddings", negatable = true, description = "also align with MiniLM embeddings "
            + "(--no-embeddings: lexical only, the default)")
    private boolean embeddings;

    @Option(names = "--limit", description = "judge at most N rows (after the split is applied)")
    private int limit = Integer.MAX_VALUE;

    @Option(names = "--split", description = "train, test or all (default ${DEFAULT-VALUE}); halves by document hash")
    private String split = "all";

    @Option(names = "--fit", hidden = true, description = "refit the weights on the train half and report test")
    private boolean fit;

    @Option(names = "--trade-off", split = ",", description = "thresholds for the trade-off table")
    private double[] tradeOff = {0.1, 0.2, 0.3, 0.4, 0.5, 0.515, 0.53, 0.55};

    /** One SummEdits row. */
    record Row(String domain, String doc, String summary, boolean consistent, boolean train) {
    }

    /** One judged row: its row and the lowest sentence score, plus every sentence's signals. */
    record Judged(Row row, double score, List<Map<Kind, Double>> signals) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!List.of("train", "test", "all").contains(split)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--split must be train, test or all, was '" + split + "'");
        }
        List<Row> rows = read(file).stream()
                .filter(r -> split.equals("all") || r.train() == split.equals("train"))
                .limit(limit).toList();
        if (rows.isEmpty()) {
            out.println("no rows in " + file + " for split " + split);
            return 1;
        }
        GroundingJudge judge = GroundingJudge.builder().threshold(threshold).embeddings(embeddings).build();
        long started = System.nanoTime();
        List<Judged> judged = new ArrayList<>(rows.size());
        for (Row r : rows) {
            GroundingReport report = judge.judge(r.summary(), List.of(Source.of("doc", r.doc(), Trust.UNTRUSTED)));
            judged.add(new Judged(r, report.score(),
                    report.sentences().stream().map(SentenceJudgement::signals).toList()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "SummEdits grounding: %s, %d rows, split %s, threshold %.2f, embeddings %s%n",
                file, rows.size(), split, threshold, embeddings ? "on" : "off");
        out.println("default weights were fitted on the train half (rows whose document hash is even)");
        if (fit) {
            Refit.run(judged, out);
        }
        Metrics overall = report(judged, threshold, out);
        tradeOffTable(judged, out);
        out.printf(Locale.ROOT, "time %.1f s (%.1f ms per row)%n", seconds, 1000 * seconds / rows.size());
        out.println("balanced accuracy " + fmt(overall.balancedAccuracy()));
        out.flush();
        return 0;
    }

    private Metrics report(List<Judged> judged, double t, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%-14s %6s %13s %13s %10s %7s%n", "domain", "rows", "inconsistent",
                "balanced-acc", "precision", "recall");
        Map<String, List<Judged>> byDomain = new TreeMap<>();
        for (Judged j : judged) {
            byDomain.computeIfAbsent(j.row().domain(), k -> new ArrayList<>()).add(j);
        }
        byDomain.forEach((domain, list) -> line(domain, Metrics.of(list, t), out));
        if (split.equals("all")) {
            line("split train", Metrics.of(judged.stream().filter(j -> j.row().train()).toList(), t), out);
            line("split test", Metrics.of(judged.stream().filter(j -> !j.row().train()).toList(), t), out);
        }
        Metrics overall = Metrics.of(judged, t);
        line("overall", overall, out);
        return overall;
    }

    private static void line(String name, Metrics m, PrintWriter out) {
        out.printf(Locale.ROOT, "%-14s %6d %13d %13s %10s %7s%n", name, m.rows(), m.tp() + m.fn(),
                fmt(m.balancedAccuracy()), fmt(m.precision()), fmt(m.recall()));
    }

    private void tradeOffTable(List<Judged> judged, PrintWriter out) {
        out.println();
        out.println("threshold trade-off over the rows above (positive class: inconsistent)");
        out.printf(Locale.ROOT, "%-10s %13s %10s %7s %8s%n", "threshold", "balanced-acc", "precision", "recall",
                "flagged");
        for (double t : tradeOff) {
            Metrics m = Metrics.of(judged, t);
            out.printf(Locale.ROOT, "%-10.3f %13s %10s %7s %8d%n", t, fmt(m.balancedAccuracy()), fmt(m.precision()),
                    fmt(m.recall()), m.tp() + m.fp());
        }
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Reads SummEdits-format rows from gzip or plain JSONL. */
    static List<Row> read(Path path) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(path);
                InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                for (String field : List.of("doc", "summary", "consistent")) {
                    if (!n.hasNonNull(field)) {
                        throw new IOException(path + " line " + number + ": missing field '" + field + "'");
                    }
                }
                String doc = n.get("doc").asText();
                rows.add(new Row(n.path("domain").asText("unknown"), doc, n.get("summary").asText(),
                        n.get("consistent").asBoolean(), isTrain(doc)));
            }
        }
        return rows;
    }

    /** Returns whether a document falls in the train half: the first byte of its SHA-256 is even. */
    static boolean isTrain(String doc) {
        return Character.digit(Digests.sha256Hex(doc).charAt(1), 16) % 2 == 0;
    }

    /** A confusion matrix with "inconsistent" as the positive class. */
    record Metrics(int tp, int fp, int tn, int fn) {

        static Metrics of(List<Judged> judged, double threshold) {
            int tp = 0;
            int fp = 0;
            int tn = 0;
            int fn = 0;
            for (Judged j : judged) {
                boolean flagged = j.score() < threshold;
                boolean inconsistent = !j.row().consistent();
                tp += flagged && inconsistent ? 1 : 0;
                fp += flagged && !inconsistent ? 1 : 0;
                tn += !flagged && !inconsistent ? 1 : 0;
                fn += !flagged && inconsistent ? 1 : 0;
            }
            return new Metrics(tp, fp, tn, fn);
        }

        int rows() {
            return tp + fp + tn + fn;
        }

        double recall() {
            return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
        }

        double specificity() {
            return tn + fp == 0 ? Double.NaN : tn / (double) (tn + fp);
        }

        double precision() {
            return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        }

        double balancedAccuracy() {
            return (recall() + specificity()) / 2;
        }
    }
}
