package dev.arbiter.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.authority.permission.PermissionEnvelope;
import dev.arbiter.authority.permission.Policy;
import dev.arbiter.authority.permission.PolicyFiles;
import dev.arbiter.authority.permission.Registries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter security agentdojo}: replays recorded AgentDojo runs through a tool gateway whose envelope comes
 * from one policy file per suite ({@code SUITE.yaml}, {@code .yml} or {@code .json} in the policy folder), and
 * prints, per suite, per trace file and overall: the attack runs in which an attacker-goal call would still have
 * executed automatically (the residual attack success rate) and how many were escalated or denied instead; and the
 * benign successful runs in which a call was denied (lost utility) or escalated (friction). Suites without a
 * policy file are skipped and named. Exit code 0, or 1 if the input cannot be read.
 */
@Command(name = "agentdojo", mixinStandardHelpOptions = true,
        description = "Replay recorded AgentDojo runs through the permission envelope and report residual attacks.")
public final class AgentDojoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", required = true, description = "The AgentDojo tasks file (suites, tools, tasks).")
    Path tasks;

    @Option(names = "--traces", required = true, description = "Folder of *.jsonl(.gz) trace files.")
    Path traces;

    @Option(names = "--policy", required = true, description = "Folder with one policy file per suite.")
    Path policyDir;

    @Option(names = "--environments", description = "Folder with SUITE/environment.yaml, the application's state "
            + "that fills the registries a policy declares (default: 'environments' beside the tasks file).")
    Path environments;

    @Option(names = "--details", description = "Also print every refused call of a benign successful run and every "
            + "attacker-goal call that would have executed.")
    boolean details;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Suite> suites = Suite.read(JSON.readTree(tasks.toFile()));
        Map<String, PermissionEnvelope> envelopes = new LinkedHashMap<>();
        Map<String, Policy> policies = new LinkedHashMap<>();
        Map<String, Registries> registries = new LinkedHashMap<>();
        Path envDir = environments != null ? environments
                : tasks.toAbsolutePath().getParent().resolve("environments");
        for (Suite s : suites.values()) {
            java.util.Optional<Path> f = policyFile(s.name());
            if (f.isPresent()) {
                Policy p = PolicyFiles.read(f.get());
                policies.put(s.name(), p);
                envelopes.put(s.name(), p.envelope(s.tools()));
                registries.put(s.name(), EnvironmentRegistries.load(p,
                        policyDir.resolve(s.name() + ".registries.yaml"),
                        envDir.resolve(s.name()).resolve("environment.yaml")));
            }
        }
        Map<String, String> system = systemMessages();
        Map<String, Tally> bySuite = new LinkedHashMap<>();
        Map<String, Tally> byFile = new LinkedHashMap<>();
        Map<String, String> attackOfFile = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : traceFiles()) {
            String label = file.getFileName().toString().replaceAll("\\.jsonl(\\.gz)?$", "");
            Tally fileTally = byFile.computeIfAbsent(label, k -> new Tally());
            for (JsonNode row : rows(file)) {
                String suite = row.path("suite").asText();
                Suite s = suites.get(suite);
                if (s == null || !envelopes.containsKey(suite)) {
                    skipped.add(suite);
                    continue;
                }
                if (row.hasNonNull("attack_type")) {
                    attackOfFile.put(label, row.get("attack_type").asText());
                }
                List<TraceReplay.Decided> decided = replayRow(row, s, envelopes.get(suite), registries.get(suite),
                        system, fileTally,
                        bySuite.computeIfAbsent(suite, k -> new Tally()));
                if (details) {
                    printDetails(out, label, row, decided);
                }
            }
        }
        new AgentDojoReport(out, policies, bySuite, byFile, attackOfFile, published()).print();
        if (!skipped.isEmpty()) {
            out.println("Skipped " + skipped.size() + " runs of suites without a policy file or tasks: "
                    + new java.util.TreeSet<>(skipped));
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static void printDetails(PrintWriter out, String label, JsonNode row, List<TraceReplay.Decided> decided) {
        boolean attack = row.path("injection_task_id").isTextual();
        for (TraceReplay.Decided d : decided) {
            boolean show = attack ? d.attackerGoal() && d.kind() == TraceReplay.Kind.ALLOWED
                    : row.path("utility").asBoolean(false) && d.kind() != TraceReplay.Kind.ALLOWED;
            if (show) {
                out.println("detail " + label + " " + row.path("suite").asText() + "/" + row.path("user_task_id").asText()
                        + "/" + row.path("injection_task_id").asText("none") + ": " + d.kind() + " " + d.rule() + " "
                        + d.call().name() + d.call().arguments());
            }
        }
    }

    private static List<TraceReplay.Decided> replayRow(JsonNode row, Suite s, PermissionEnvelope envelope,
            Registries registries, Map<String, String> system, Tally fileTally, Tally suiteTally) {
        String injection = row.path("injection_task_id").isTextual() ? row.get("injection_task_id").asText() : null;
        AttackerGoal goal = AttackerGoal.of(injection == null ? List.of()
                : s.injectionGoals().getOrDefault(injection, List.of()), envelope);
        List<TraceReplay.Decided> decided = TraceReplay.replay(row, s.tools(), envelope, registries, system, goal);
        for (Tally t : List.of(fileTally, suiteTally)) {
            if (injection != null) {
                t.addAttack(row.path("security").asBoolean(false), decided);
            } else {
                t.addBenign(row.path("utility").asBoolean(false), decided);
            }
        }
        return decided;
    }

    private java.util.Optional<Path> policyFile(String suite) {
        for (String ext : List.of(".yaml", ".yml", ".json")) {
            Path p = policyDir.resolve(suite + ext);
            if (Files.isRegularFile(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    private List<Path> traceFiles() throws IOException {
        try (Stream<Path> files = Files.list(traces)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.jsonl(\\.gz)?")).sorted().toList();
        }
    }

    private static List<JsonNode> rows(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    private Map<String, String> systemMessages() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path p = traces.resolve("system_messages.json");
        if (Files.isRegularFile(p)) {
            JSON.readTree(p.toFile()).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private JsonNode published() throws IOException {
        for (Path p : List.of(traces.resolve("published_results_table.json"),
                traces.resolveSibling("published_results_table.json"))) {
            if (Files.isRegularFile(p)) {
                return JSON.readTree(p.toFile());
            }
        }
        return JSON.createObjectNode();
    }
}
