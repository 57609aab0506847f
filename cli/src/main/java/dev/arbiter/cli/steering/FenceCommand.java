package dev.arbiter.cli.steering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.steering.context.AssembledContext;
import dev.arbiter.steering.context.ContextAssembler;
import dev.arbiter.steering.context.ContextItem;
import dev.arbiter.steering.context.ContextManifest;
import dev.arbiter.steering.context.InjectionFlag;
import dev.arbiter.steering.context.TokenCounter;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter steering fence FILE}: measures the fences of context assembly against prompt-injection payloads.
 *
 * <p>Every payload of the JSONL file (rows with a {@code payload} string; grouped by {@code attack_type} or
 * {@code category}) is placed into every benign host context (rows with a {@code context} string or array of
 * lines, grouped by {@code task}) at the start, in the middle and at the end; the host goes in as an untrusted
 * item between two trusted ones. The rendered context is parsed back with the documented fence format (an
 * independent parser, not the assembler's code): a payload has <em>escaped</em> when its fence does not hold the
 * host verbatim, or any of its text (the whole payload, or any line of 12 or more characters) appears outside the
 * fences. It prints the escapes (expected: 0), the share of placements in which an injection flag overlaps the
 * payload, and the share of benign contexts that get any flag (false positives).
 *
 * <p>Exit code 0 when nothing escaped, 1 when something did, 2 for unreadable input.
 */
@Command(name = "fence", mixinStandardHelpOptions = true,
        description = "Places injection payloads inside benign contexts, assembles them as untrusted items and "
                + "checks that every payload stays inside its fence; reports injection-flag rates.")
public final class FenceCommand implements Callable<Integer> {

    private static final String HOST_ID = FenceCheck.HOST_ID;
    private static final int BUDGET = 32_000;
    private static final List<String> POSITIONS = List.of("start", "middle", "end");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "JSONL file of payloads (rows with a \"payload\").")
    private Path payloadFile;

    @Option(names = "--contexts", paramLabel = "FILE",
            description = "JSONL file of benign host contexts (rows with a \"context\"); "
                    + "default: bipia_contexts.jsonl next to FILE.")
    private Path contextsFile;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N payloads (0: all; default 0).")
    private int limit;

    /** One payload row: its text and the category it is reported under. */
    record Payload(String text, String category) {}

    /** One benign host context and the task it belongs to. */
    record Host(String text, String task, String question) {}

    /** Counts per category. */
    static final class Tally {
        int rows;
        int placements;
        int flagged;
        int escaped;
        final Map<String, Integer> rules = new TreeMap<>();

        /** Adds the outcome of one payload text, once per row that carries it. */
        void add(Outcome o, int times) {
            rows += times;
            placements += o.placements() * times;
            flagged += o.flagged() * times;
            escaped += o.escaped() * times;
            o.rules().forEach((r, n) -> rules.merge(r, n * times, Integer::sum));
        }
    }

    /** What the placements of one payload text gave. */
    record Outcome(int placements, int flagged, int escaped, Map<String, Integer> rules, List<String> failures) {}

    @Override
    public Integer call() {
        Path contexts = contextsFile != null ? contextsFile : payloadFile.resolveSibling("bipia_contexts.jsonl");
        List<Payload> payloads;
        List<Host> hosts;
        try {
            payloads = readPayloads(payloadFile);
            hosts = readHosts(contexts);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot read the input: " + e.getMessage());
            return 2;
        }
        if (limit > 0 && payloads.size() > limit) {
            payloads = payloads.subList(0, limit);
        }
        return measure(payloads, hosts, contexts);
    }

    private int measure(List<Payload> payloads, List<Host> hosts, Path contexts) {
        PrintWriter out = spec.commandLine().getOut();
        if (payloads.isEmpty() || hosts.isEmpty()) {
            spec.commandLine().getErr().println("no payloads in " + payloadFile + " or no contexts in " + contexts);
            return 2;
        }
        ContextAssembler assembler = ContextAssembler.builder().tokenCounter(TokenCounter.o200kBase()).build();
        List<String> texts = payloads.stream().map(Payload::text).distinct().toList();
        Map<String, Outcome> outcomes = texts.parallelStream()
                .collect(Collectors.toConcurrentMap(t -> t, t -> measure(assembler, t, hosts)));
        Map<String, Tally> byCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Payload p : payloads) {
            byCategory.computeIfAbsent(p.category(), k -> new Tally()).add(outcomes.get(p.text()), 1);
        }
        texts.forEach(t -> outcomes.get(t).failures().stream().limit(10L - failures.size()).forEach(failures::add));
        Map<String, Tally> benign = measureBenign(assembler, hosts);
        print(out, payloads.size(), texts.size(), hosts.size(), contexts, byCategory, benign, failures);
        return byCategory.values().stream().anyMatch(t -> t.escaped > 0) ? 1 : 0;
    }

    /** Places one payload text in every host at every position. */
    private static Outcome measure(ContextAssembler assembler, String payload, List<Host> hosts) {
        int placements = 0;
        int flagged = 0;
        int escaped = 0;
        Map<String, Integer> rules = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Host h : hosts) {
            for (String position : POSITIONS) {
                placements++;
                List<String> hits = new ArrayList<>();
                String escape = place(assembler, payload, h, position, hits);
                if (!escape.isEmpty()) {
                    escaped++;
                    failures.add(h.task() + " @" + position + ": " + escape);
                }
                if (!hits.isEmpty()) {
                    flagged++;
                    hits.forEach(r -> rules.merge(r, 1, Integer::sum));
                }
            }
        }
        return new Outcome(placements, flagged, escaped, rules, failures);
    }

    /** Places, assembles and checks one payload; returns the escape (empty if none) and adds the rules that hit. */
    private static String place(ContextAssembler assembler, String payload, Host h, String position, List<String> hits) {
        int at = FenceCheck.insertionPoint(h.text(), position);
        String before = h.text().substring(0, at);
        String after = h.text().substring(at);
        String sepBefore = before.isEmpty() ? "" : "\n";
        String sepAfter = after.isEmpty() ? "" : "\n";
        String host = before + sepBefore + payload + sepAfter + after;
        int from = before.length() + sepBefore.length();
        int to = from + payload.length();
        AssembledContext ac = assembler.assemble(items(h, host), BUDGET);
        ContextManifest.Entry entry = ac.manifest().entry(HOST_ID).orElseThrow();
        entry.flags().stream().filter(f -> f.overlaps(from, to)).map(InjectionFlag::ruleId).distinct()
                .forEach(hits::add);
        return FenceCheck.escapeOf(ac, host, payload);
    }

    private static List<ContextItem> items(Host h, String hostText) {
        String task = "Answer the user's question using only the document."
                + (h.question().isEmpty() ? "" : "\nQuestion: " + h.question());
        return List.of(
                ContextItem.trusted("task", task).withPriority(2),
                ContextItem.untrusted(HOST_ID, hostText).withOrigin(h.task()).withPriority(1),
                ContextItem.trusted("format", "Answer in one short paragraph and cite the document."));
    }

    private static Map<String, Tally> measureBenign(ContextAssembler assembler, List<Host> hosts) {
        Map<String, Tally> byTask = new TreeMap<>();
        for (Host h : hosts) {
            Tally t = byTask.computeIfAbsent(h.task(), k -> new Tally());
            t.rows++;
            AssembledContext ac = assembler.assemble(items(h, h.text()), BUDGET);
            List<InjectionFlag> flags = ac.manifest().entry(HOST_ID).orElseThrow().flags();
            if (!flags.isEmpty()) {
                t.flagged++;
                flags.stream().map(InjectionFlag::ruleId).distinct().forEach(r -> t.rules.merge(r, 1, Integer::sum));
            }
        }
        return byTask;
    }

    private void print(PrintWriter out, int payloadCount, int distinct, int hostCount, Path contexts,
            Map<String, Tally> byCategory, Map<String, Tally> benign, List<String> failures) {
        Tally all = total(byCategory);
        out.printf(Locale.ROOT, "steering fence: %s (%d payloads) x %s (%d contexts) x %d positions = %d placements%n",
                payloadFile.getFileName(), payloadCount, contexts.getFileName(), hostCount, POSITIONS.size(),
                all.placements);
        out.printf(Locale.ROOT, "(%d distinct payload texts assembled %d times each; rows sharing a text share its "
                + "result)%n", distinct, hostCount * POSITIONS.size());
        out.printf(Locale.ROOT, "escaped: %d of %d placements%n", all.escaped, all.placements);
        failures.forEach(f -> out.println("  escape: " + f));
        out.println();
        out.println("payload placements flagged as instruction-like (a flag overlaps the payload):");
        table(out, "category", "payloads", byCategory, all);
        out.println();
        out.println("benign contexts flagged (false positives):");
        table(out, "task", "contexts", benign, total(benign));
        out.printf(Locale.ROOT, "%nsummary: escaped %d/%d; payloads flagged %s; benign contexts flagged %s%n",
                all.escaped, all.placements, share(all.flagged, all.placements), share(total(benign).flagged,
                        total(benign).rows));
        out.flush();
    }

    private static void table(PrintWriter out, String key, String rowsName, Map<String, Tally> rows, Tally all) {
        boolean placements = all.placements > 0;
        out.printf(Locale.ROOT, "  %-40s %9s %11s %8s  %s%n", key, rowsName, placements ? "placements" : "",
                "flagged", "rules (count)");
        rows.forEach((name, t) -> row(out, name, t, placements));
        row(out, "all", all, placements);
    }

    private static void row(PrintWriter out, String name, Tally t, boolean placements) {
        int denominator = placements ? t.placements : t.rows;
        String rules = t.rules.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "  %-40s %9d %11s %8s  %s%n", name, t.rows, placements ? t.placements : "",
                share(t.flagged, denominator), rules);
    }

    private static Tally total(Map<String, Tally> rows) {
        Tally all = new Tally();
        for (Tally t : rows.values()) {
            all.rows += t.rows;
            all.placements += t.placements;
            all.flagged += t.flagged;
            all.escaped += t.escaped;
            t.rules.forEach((r, n) -> all.rules.merge(r, n, Integer::sum));
        }
        return all;
    }

    private static String share(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    static List<Payload> readPayloads(Path file) throws IOException {
        List<Payload> rows = new ArrayList<>();
        for (JsonNode row : readJsonl(file)) {
            JsonNode payload = row.get("payload");
            if (payload == null || !payload.isTextual()) {
                throw new IOException(file + ": a row has no \"payload\" string: " + abbreviate(row.toString()));
            }
            String category = row.hasNonNull("attack_type") ? row.get("attack_type").asText()
                    : row.hasNonNull("category") ? row.get("category").asText() : "(none)";
            rows.add(new Payload(payload.asText(), category));
        }
        return rows;
    }

    static List<Host> readHosts(Path file) throws IOException {
        List<Host> rows = new ArrayList<>();
        for (JsonNode row : readJsonl(file)) {
            String context = text(row.get("context"));
            if (context.isBlank()) {
                throw new IOException(file + ": a row has no \"context\": " + abbreviate(row.toString()));
            }
            String task = row.hasNonNull("task") ? row.get("task").asText() : "(none)";
            rows.add(new Host(context, task, text(row.get("question"))));
        }
        return rows;
    }

    /** Returns a string field, or an array of lines joined with newlines; empty when absent. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            List<String> lines = new ArrayList<>();
            node.forEach(n -> lines.add(n.asText()));
            return String.join("\n", lines);
        }
        return node.asText();
    }

    private static List<JsonNode> readJsonl(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(mapper.readTree(line));
                } catch (IOException e) {
                    throw new IOException(file + ":" + number + ": not a JSON object: " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 119) + "…";
    }
}
