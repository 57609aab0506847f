package dev.arbiter.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One AgentDojo suite as its tasks file describes it: the tools with their JSON Schemas and, per injection task,
 * the ground-truth calls of the attacker's goal. Immutable.
 *
 * @param name the suite's name
 * @param tools the application's tools
 * @param injectionGoals per injection task id, its ground-truth calls
 */
record Suite(String name, List<ToolSpec> tools, Map<String, List<GroundTruthCall>> injectionGoals) {

    /**
     * One ground-truth call.
     *
     * @param function the tool
     * @param args the arguments of the one valid solution
     * @param placeholders the same arguments where a value the attacker leaves open is a {@code $placeholder}
     */
    record GroundTruthCall(String function, JsonNode args, JsonNode placeholders) {}

    static Map<String, Suite> read(JsonNode tasksFile) {
        Map<String, Suite> out = new LinkedHashMap<>();
        tasksFile.path("suites").fields().forEachRemaining(e -> out.put(e.getKey(), suite(e.getKey(), e.getValue())));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the tasks file has no 'suites'");
        }
        return out;
    }

    private static Suite suite(String name, JsonNode node) {
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode t : node.path("tools")) {
            tools.add(new ToolSpec(t.path("name").asText(), t.path("description").asText(""), t.path("parameters")));
        }
        Map<String, List<GroundTruthCall>> goals = new LinkedHashMap<>();
        for (JsonNode task : node.path("injection_tasks")) {
            List<GroundTruthCall> calls = new ArrayList<>();
            for (JsonNode c : task.path("ground_truth_calls")) {
                JsonNode args = c.path("args");
                calls.add(new GroundTruthCall(c.path("function").asText(), args,
                        c.has("placeholder_args") ? c.get("placeholder_args") : args));
            }
            goals.put(task.path("id").asText(), calls);
        }
        return new Suite(name, tools, goals);
    }
}
